// SPDX-License-Identifier: GPL-2.0
/*
 * cycle - attach and restore a session many times, through the raw ABI.
 *
 *   cycle PID FD [CYCLES [DEST]]
 *
 * Each cycle opens /dev/mvx, starts a session on descriptor FD of
 * process PID (remap and duplicate alternately) with DEST (default
 * /tmp/cycle.dest) as the destination, reads its status and closes the
 * device, which must restore the process. Afterwards the process's
 * descriptors must be exactly as before (number, targets, flags,
 * positions), the module's debugfs accounting back to zero, and neither
 * the process's resident memory nor the kernel's unreclaimable slab
 * grown by more than a small tolerance. Prints PASS:/FAIL: lines.
 *
 * The process should be idle (not writing to FD) while this runs.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <mvx.h>

#include "../lib/check.h"
#include "procfd.h"

#define DEV		"/dev/mvx"
#define WARMUP		300
#define MAX_REPORTED	5

/* A leaked session is a few hundred bytes of slab; 1,000 would show. */
#define SLAB_TOLERANCE_KB	192
#define RSS_TOLERANCE_KB	64

static pid_t pid;
static int target_fd;
static int dest;
static char dest_link[256], orig_link[256];
static unsigned int failures;

static void __attribute__((format(printf, 2, 3)))
cycle_fail(unsigned int i, const char *fmt, ...)
{
	va_list ap;

	if (failures++ >= MAX_REPORTED)
		return;
	printf("cycle %u: ", i);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static int link_is(const char *want)
{
	char path[64], got[256];
	ssize_t len;

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, target_fd);
	len = readlink(path, got, sizeof(got) - 1);
	if (len < 0)
		return 0;
	got[len] = '\0';
	return !strcmp(got, want);
}

/* One attach/restore cycle; returns 0 when every step worked. */
static int one_cycle(unsigned int i)
{
	uint32_t mode = i % 2 ? MVX_SESSION_DUP : MVX_SESSION_REMAP;
	struct mvx_session_start start = {
		.size = sizeof(start), .pid = pid, .fd = target_fd,
		.mode = mode, .dest_fd = dest,
	};
	struct mvx_session_status status = { .size = sizeof(status) };
	int dev, ok = 1;

	dev = open(DEV, O_RDWR | O_CLOEXEC);
	if (dev < 0) {
		cycle_fail(i, "open " DEV ": %s", strerror(errno));
		return -1;
	}
	if (ioctl(dev, MVX_IOC_SESSION_START, &start) || !start.id) {
		cycle_fail(i, "SESSION_START (%s): %s, id %u",
			   mode == MVX_SESSION_DUP ? "dup" : "remap",
			   strerrorname_np(errno), start.id);
		close(dev);
		return -1;
	}
	if (mode == MVX_SESSION_REMAP && !link_is(dest_link)) {
		cycle_fail(i, "fd %d is not on %s during the remap", target_fd,
			   dest_link);
		ok = 0;
	}
	status.id = start.id;
	if (ioctl(dev, MVX_IOC_SESSION_STATUS, &status)) {
		cycle_fail(i, "SESSION_STATUS: %s", strerrorname_np(errno));
		ok = 0;
	} else if (status.state != MVX_SESSION_ACTIVE || status.pid != pid ||
		   status.fd != target_fd || status.mode != mode) {
		cycle_fail(i, "SESSION_STATUS: state %u pid %d fd %d mode %u",
			   status.state, status.pid, status.fd, status.mode);
		ok = 0;
	}
	close(dev);
	/* release waits until the process has its descriptor back. */
	if (!link_is(orig_link)) {
		cycle_fail(i, "fd %d is not back on %s after close", target_fd,
			   orig_link);
		ok = 0;
	}
	return ok ? 0 : -1;
}

static long long ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000LL +
	       (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

struct mem {
	long long rss, slab, sunreclaim;
};

/*
 * Gives each slab cache's free slabs back, and under KASAN the objects
 * its quarantine holds freed (kmem_cache_shrink()): slab that nothing
 * uses is not a leak.
 */
static void shrink_slabs(void)
{
	char path[320];
	struct dirent *e;
	DIR *d = opendir("/sys/kernel/slab");
	int fd;

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink",
			 e->d_name);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		/* A cache that cannot shrink is measured as it is. */
		(void)!write(fd, "1", 1);
		close(fd);
	}
	closedir(d);
}

static struct mem measure(void)
{
	char status[64];
	struct mem m;

	/* Let RCU-deferred frees of the last cycles run first. */
	usleep(500000);
	shrink_slabs();
	snprintf(status, sizeof(status), "/proc/%d/status", pid);
	m.rss = proc_kb(status, "VmRSS");
	m.slab = proc_kb("/proc/meminfo", "Slab");
	m.sunreclaim = proc_kb("/proc/meminfo", "SUnreclaim");
	return m;
}

/* The measured cycles, with memory figures before and after. */
static void run_cycles(unsigned int cycles)
{
	struct timespec t0;
	struct mem m0, m1;
	unsigned int i;
	int grew;

	m0 = measure();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < cycles && failures < MAX_REPORTED; i++)
		one_cycle(WARMUP + i);
	printf("cycle: %u cycles took %lld ms\n", i, ms_since(&t0));
	check(!failures, "cycle: %u attach/restore cycles (remap and dup "
	      "alternately): every start, status and restore worked "
	      "(%u done, %u failed)", cycles, i, failures);

	/* Slab moves for reasons of its own: measure again before failing. */
	for (int tries = 0;; tries++) {
		m1 = measure();
		grew = m1.sunreclaim - m0.sunreclaim > SLAB_TOLERANCE_KB ||
		       m1.rss - m0.rss > RSS_TOLERANCE_KB;
		if (!grew || tries == 3)
			break;
		sleep(1);
	}
	printf("cycle: target VmRSS %lld -> %lld kB, Slab %lld -> %lld kB, "
	       "SUnreclaim %lld -> %lld kB\n", m0.rss, m1.rss, m0.slab, m1.slab,
	       m0.sunreclaim, m1.sunreclaim);
	check(m0.rss > 0 && m0.sunreclaim > 0 && !grew,
	      "cycle: no memory growth over %u cycles: target VmRSS %+lld kB "
	      "(tolerance %d), SUnreclaim %+lld kB (tolerance %d)", cycles,
	      m1.rss - m0.rss, RSS_TOLERANCE_KB, m1.sunreclaim - m0.sunreclaim,
	      SLAB_TOLERANCE_KB);
}

int main(int argc, char **argv)
{
	const char *dest_path = argc > 4 ? argv[4] : "/tmp/cycle.dest";
	unsigned int cycles = argc > 3 ? strtoul(argv[3], NULL, 10) : 1000;
	struct fd_snap before, after;
	long sessions, files;
	unsigned int i;
	char why[512], path[64];
	int zero;

	if (argc < 3 || argc > 5 || !cycles) {
		fprintf(stderr, "usage: cycle PID FD [CYCLES [DEST]]\n");
		return 2;
	}
	pid = atoi(argv[1]);
	target_fd = atoi(argv[2]);

	dest = open(dest_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	check(dest >= 0, "cycle: open the destination %s", dest_path);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", dest);
	if (dest < 0 || readlink(path, dest_link, sizeof(dest_link) - 1) < 0)
		return 1;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, target_fd);
	if (readlink(path, orig_link, sizeof(orig_link) - 1) < 0) {
		check(0, "cycle: pid %d has fd %d open", pid, target_fd);
		return 1;
	}

	check(fd_snap_take(pid, &before) == 0, "cycle: pid %d has a /proc entry",
	      pid);
	for (i = 0; i < WARMUP; i++)
		one_cycle(i);
	check(!failures, "cycle: %d warm-up cycles worked (%u failed)", WARMUP,
	      failures);
	if (!failures)
		run_cycles(cycles);

	fd_snap_take(pid, &after);
	check(!fd_snap_diff(&before, &after, why, sizeof(why)),
	      "cycle: the target's descriptors are as before: %s", why);

	zero = kmvx_stats_zero(&sessions, &files);
	check(zero, "cycle: kmvx accounting back to 0 sessions, 0 files "
	      "(%ld sessions, %ld files)", sessions, files);

	close(dest);
	return check_failures ? 1 : 0;
}
