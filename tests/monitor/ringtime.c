// SPDX-License-Identifier: GPL-2.0
/*
 * ringtime - checks the time of the newest record in a monitored
 * process's ring against CLOCK_MONOTONIC_COARSE, read here before and
 * after (mvx_ring.h: @time_ns).
 *
 * usage: ringtime PID
 *
 * PID must make a forwarded call every few milliseconds (pidloop -i 5).
 * Prints "recent record time: ok" and exits 0, or says why not and exits 1.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <mvx.h>
#include <mvx_ring.h>

#include "prog.h"

static int dev;
static pid_t pid;

static void ring_read(uint64_t offset, void *buf, uint32_t len)
{
	struct mvx_monitor_read rd = {
		.size = sizeof(rd),
		.pid = pid,
		.offset = offset,
		.len = len,
		.buf = (uintptr_t)buf,
	};

	MUST(ioctl(dev, MVX_IOC_MONITOR_READ, &rd));
}

static uint64_t coarse_ns(void)
{
	struct timespec ts;

	MUST(clock_gettime(CLOCK_MONOTONIC_COARSE, &ts));
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* The newest complete record, read as mvx_ring.h says; 0 if none. */
static int newest(struct mvx_record *rec)
{
	for (int tries = 0; tries < 100; tries++) {
		uint64_t head, seq, off;

		ring_read(offsetof(struct mvx_ring_head, head), &head,
			  sizeof(head));
		if (!head)
			return 0;
		off = offsetof(struct mvx_ring_head, records) +
		      ((head - 1) % MVX_RING_RECORDS) * sizeof(*rec);
		ring_read(off, rec, sizeof(*rec));
		ring_read(off, &seq, sizeof(seq));
		if (rec->seq == head && seq == head)
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct mvx_record rec;
	uint64_t before, after;

	prog_start();
	if (argc != 2)
		return 2;
	pid = atoi(argv[1]);
	dev = MUST(open("/dev/mvx", O_RDWR | O_CLOEXEC));

	before = coarse_ns();
	usleep(100 * 1000);
	EXPECT(newest(&rec), "no complete record in the ring of %d", pid);
	after = coarse_ns();
	EXPECT(rec.time_ns >= before && rec.time_ns <= after,
	       "record %llu's time %llu is not in [%llu, %llu]",
	       (unsigned long long)rec.seq, (unsigned long long)rec.time_ns,
	       (unsigned long long)before, (unsigned long long)after);
	if (!prog_failures)
		printf("recent record time: ok\n");
	return prog_end();
}
