// SPDX-License-Identifier: GPL-2.0
/*
 * deeper - run under the monitor, tries to have the kernel write into
 * the monitor's memory through an address it finds deeper in the
 * program's memory, for threads that are inside a system call while
 * another thread is in an excursion.
 *
 * usage: deeper [-n THREADS] [-t SECONDS]
 *
 * The guard checks the buffers that a call's arguments name before the
 * call starts (blocked tests that), but not the addresses that the
 * kernel reads later from the program's memory: here an iocb's buffer.
 * THREADS threads (4 unless -n) each submit, again and again, an AIO
 * read (io_submit(2), IOCB_CMD_PREAD) of 64 bytes from a pipe into
 * ADDR, and wait for it (io_getevents(2)); a pipe's read runs within
 * io_submit(), sleeping until bytes come. ADDR is the monitor's record
 * area (mvx_records(), mvxmaps.h), or the first writable "[mvx]"
 * range. A child process writes 64 bytes to the pipe again and again,
 * and the main thread makes forwarded calls (getppid()) meanwhile, for
 * SECONDS seconds (3 unless -t). Whenever a read copies while an
 * excursion has the monitor's pages in the page tables, the copy goes
 * through, unless the kernel's copies for the program cannot reach
 * those pages at all (a protection key that each program system call
 * denies itself: doc/MONITOR.md). Run as root, the program gives up root
 * first (mvxmaps.h): the attack needs no privilege.
 *
 * PASS: no read completed with bytes, and reads did reach the copy
 * (EFAULT): a run where no read ever copied proves nothing. One
 * "PASS: deeper: ..." or "FAIL: deeper: ..." line per check, and one
 * line of counts; exits 1 if a check failed.
 */
#define _GNU_SOURCE
#include <linux/aio_abi.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../lib/check.h"
#include "mvxmaps.h"

#define BYTES		64
#define MAX_THREADS	16

static int pipefd[2];
static uintptr_t addr;
static volatile int stop;
static unsigned long copied, faulted, other;
static pthread_mutex_t counts = PTHREAD_MUTEX_INITIALIZER;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void *reader(void *arg)
{
	unsigned long ok = 0, fault = 0, rest = 0;
	aio_context_t ctx = 0;
	struct iocb cb = { 0 };
	struct iocb *cbs[1] = { &cb };
	struct io_event ev;

	(void)arg;
	if (syscall(SYS_io_setup, 1, &ctx)) {
		check(0, "deeper: io_setup: %s", strerror(errno));
		return NULL;
	}
	cb.aio_lio_opcode = IOCB_CMD_PREAD;
	cb.aio_fildes = pipefd[0];
	cb.aio_buf = addr;
	cb.aio_nbytes = BYTES;
	while (!stop) {
		if (syscall(SYS_io_submit, ctx, 1, cbs) != 1) {
			rest++;
			continue;
		}
		if (syscall(SYS_io_getevents, ctx, 1, 1, &ev, NULL) != 1) {
			rest++;
			continue;
		}
		if (ev.res > 0)
			ok++;
		else if (ev.res == -EFAULT)
			fault++;
		else
			rest++;
	}
	syscall(SYS_io_destroy, ctx);
	pthread_mutex_lock(&counts);
	copied += ok;
	faulted += fault;
	other += rest;
	pthread_mutex_unlock(&counts);
	return NULL;
}

/* Keeps the pipe full enough that reads copy, until it is closed. */
static void writer(void)
{
	char bytes[BYTES];

	memset(bytes, 'D', sizeof(bytes));
	while (write(pipefd[1], bytes, sizeof(bytes)) == sizeof(bytes))
		;
	_exit(0);
}

int main(int argc, char **argv)
{
	pthread_t th[MAX_THREADS];
	struct mvx_map maps[MVX_MAPS_MAX];
	unsigned long calls = 0;
	int i, n, opt, nthreads = 4;
	double seconds = 3, t0;
	pid_t child;

	setvbuf(stdout, NULL, _IOLBF, 0);
	alarm(50);	/* a hang fails, whatever the suite's timeout does */
	while ((opt = getopt(argc, argv, "n:t:")) != -1) {
		if (opt == 'n' && (nthreads = atoi(optarg)) >= 1 &&
		    nthreads <= MAX_THREADS)
			continue;
		if (opt == 't' && (seconds = atof(optarg)) > 0)
			continue;
		fprintf(stderr, "usage: deeper [-n THREADS] [-t SECONDS]\n");
		return 2;
	}
	addr = mvx_records();
	if (drop_privileges()) {
		check(0, "deeper: giving up root: %s", strerror(errno));
		return 1;
	}
	n = mvx_maps(maps, MVX_MAPS_MAX);
	check(n > 0, "deeper: the monitor's ranges are [mvx] mappings in /proc/self/maps (%d)", n);
	if (!n)
		return 1;
	if (!addr || mvx_maps_find(maps, n, addr) < 0) {
		addr = 0;
		for (i = 0; i < n && !addr; i++)
			if (maps[i].perms[1] == 'w')
				addr = maps[i].start;
	}
	if (!addr) {
		check(0, "deeper: no writable [mvx] range (%d ranges)", n);
		return 1;
	}
	if (pipe(pipefd)) {
		check(0, "deeper: pipe: %s", strerror(errno));
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	child = fork();
	if (child < 0) {
		check(0, "deeper: fork: %s", strerror(errno));
		return 1;
	}
	if (child == 0)
		writer();
	close(pipefd[1]);

	for (i = 0; i < nthreads; i++) {
		errno = pthread_create(&th[i], NULL, reader, NULL);
		if (errno) {
			check(0, "deeper: pthread_create: %s", strerror(errno));
			nthreads = i;
			break;
		}
	}
	for (t0 = now_ms(); now_ms() - t0 < seconds * 1e3; calls++)
		getppid();
	stop = 1;
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	for (i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);

	printf("deeper: %d threads, %lu forwarded calls: %lu reads copied, %lu faulted, %lu ended otherwise\n",
	       nthreads, calls, copied, faulted, other);
	check(copied == 0,
	      "deeper: no AIO read from a pipe into the monitor's memory at %#lx copied (%lu did)",
	      (unsigned long)addr, copied);
	check(faulted > 0, "deeper: AIO reads reached the copy, and faulted (%lu)",
	      faulted);
	return check_failures ? 1 : 0;
}
