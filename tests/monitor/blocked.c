// SPDX-License-Identifier: GPL-2.0
/*
 * blocked - run under the monitor, tries to have the kernel write into
 * the monitor's memory for a system call that sleeps across excursions.
 *
 * usage: blocked [-t SECONDS]
 *
 * A thread calls read(pipe, ADDR, 64) with ADDR in the monitor's memory
 * while the pipe is empty. Were the call let run, it would sleep in the
 * kernel, where no excursion of another thread stops it, and copy the
 * bytes to ADDR once they come: if that happens during an excursion, the
 * page is in the page tables and the copy goes through. ADDR is the
 * monitor's record area, which kmvx reports (MVX_IOC_MONITOR_INFO; it
 * shares its page with the top of the monitor's stack, which every
 * excursion uses), or, if /dev/mvx cannot tell, the start of the first
 * writable "[mvx]" range. Meanwhile the main thread calls getppid(),
 * which is forwarded, for SECONDS seconds (1 unless -t), writes 64 bytes
 * to the pipe, and goes on calling getppid() until the read returns, for
 * up to 5 s. Run as root, the program gives up root first (mvxmaps.h),
 * after asking /dev/mvx: the attack needs no privilege.
 *
 * PASS: the read failed with EPERM before the bytes were written (the
 * kernel refuses a call whose buffer reaches the monitor's memory before
 * it starts). FAIL if it returned 64 (the kernel wrote into the
 * monitor), failed otherwise, or still slept 5 s after the write. One
 * "PASS: blocked: ..." or "FAIL: blocked: ..." line; exits 1 on failure.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../lib/check.h"
#include "mvxmaps.h"

#define BYTES	64

static int pipefd[2];
static uintptr_t addr;
static volatile int done, after_write;
static volatile long result;
static volatile int result_errno;
static volatile double result_ms;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);	/* the vDSO: no system call */
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double began;

static void *reader(void *arg)
{
	long ret;

	(void)arg;
	errno = 0;
	ret = read(pipefd[0], (void *)addr, BYTES);
	result_errno = errno;
	result = ret;
	result_ms = now_ms() - began;
	__atomic_store_n(&done, after_write ? 2 : 1, __ATOMIC_SEQ_CST);
	return NULL;
}

int main(int argc, char **argv)
{
	struct mvx_map maps[MVX_MAPS_MAX];
	char bytes[BYTES];
	unsigned long calls = 0;
	double seconds = 1, t;
	const char *where = "the monitor's record area";
	pthread_t th;
	int i, n, opt;

	setvbuf(stdout, NULL, _IOLBF, 0);
	alarm(50);	/* a hang fails, whatever the suite's timeout does */
	while ((opt = getopt(argc, argv, "t:")) != -1) {
		if (opt != 't' || (seconds = atof(optarg)) <= 0) {
			fprintf(stderr, "usage: blocked [-t SECONDS]\n");
			return 2;
		}
	}
	addr = mvx_records();
	if (drop_privileges()) {
		check(0, "blocked: giving up root: %s", strerror(errno));
		return 1;
	}
	n = mvx_maps(maps, MVX_MAPS_MAX);
	check(n > 0, "blocked: the monitor's ranges are [mvx] mappings in /proc/self/maps (%d)", n);
	if (!n)
		return 1;
	if (!addr || mvx_maps_find(maps, n, addr) < 0) {
		addr = 0;
		where = "the first writable [mvx] range";
		for (i = 0; i < n && !addr; i++)
			if (maps[i].perms[1] == 'w')
				addr = maps[i].start;
	}
	if (!addr) {
		check(0, "blocked: no writable [mvx] range (%d ranges)", n);
		return 1;
	}
	if (pipe(pipefd)) {
		check(0, "blocked: pipe: %s", strerror(errno));
		return 1;
	}

	began = now_ms();
	errno = pthread_create(&th, NULL, reader, NULL);
	if (errno) {
		check(0, "blocked: pthread_create: %s", strerror(errno));
		return 1;
	}
	/* Excursions while the read sleeps, if it does. */
	while (now_ms() - began < seconds * 1e3) {
		getppid();
		calls++;
	}
	after_write = 1;
	memset(bytes, 'B', sizeof(bytes));
	if (write(pipefd[1], bytes, sizeof(bytes)) != sizeof(bytes)) {
		check(0, "blocked: write to the pipe: %s", strerror(errno));
		return 1;
	}
	/* And more, while the woken read copies. */
	for (t = now_ms(); !done && now_ms() - t < 5e3; calls++)
		getppid();

	if (!done) {
		check(0, "blocked: read(pipe, %s %#lx, %d): still asleep 5 s after %d bytes were written (%lu forwarded calls)",
		      where, (unsigned long)addr, BYTES, BYTES, calls);
		return 1;	/* the thread goes with the process */
	}
	pthread_join(th, NULL);
	check(result == -1 && result_errno == EPERM && done == 1,
	      "blocked: read(pipe, %s %#lx, %d) is refused at once: %s (%.1f ms after it began, %s the write; %lu forwarded calls)",
	      where, (unsigned long)addr, BYTES,
	      result == -1 ? strerrorname_np(result_errno) ?: "?" :
	      result == BYTES ? "it returned 64: the kernel wrote into the monitor" :
	      "it returned a count", result_ms, done == 1 ? "before" : "after", calls);
	return check_failures ? 1 : 0;
}
