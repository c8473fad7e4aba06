// SPDX-License-Identifier: GPL-2.0
/*
 * clocks - CLOCK_MONOTONIC never goes back, whether read through the
 * vDSO or a real system call (which the monitor forwards), and the
 * wall clocks (gettimeofday, CLOCK_REALTIME, time) agree.
 */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "prog.h"

#define READS	20000

static long long ns(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

int main(void)
{
	struct timespec ts, res;
	struct timeval tv;
	long long last = 0, t, back = 0, wall_gap;
	time_t sec;
	int i;

	prog_start();
	for (i = 0; i < READS; i++) {
		if (i % 2)
			MUST(clock_gettime(CLOCK_MONOTONIC, &ts));
		else
			MUST(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts));
		t = ns(&ts);
		if (t < last)
			back++;
		last = t;
	}
	EXPECT(back == 0, "CLOCK_MONOTONIC went back %lld times", back);
	printf("CLOCK_MONOTONIC: %d reads (vDSO and system call), never back\n", READS);

	last = 0;
	back = 0;
	for (i = 0; i < READS; i++) {
		if (i % 2)
			MUST(gettimeofday(&tv, NULL));
		else
			MUST(syscall(SYS_gettimeofday, &tv, NULL));
		t = tv.tv_sec * 1000000LL + tv.tv_usec;
		if (t < last)
			back++;
		last = t;
	}
	/* The wall clock may be set, but not in this VM during a test. */
	EXPECT(back == 0, "gettimeofday went back %lld times", back);
	printf("gettimeofday: %d reads, never back\n", READS);

	MUST(syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts));
	MUST(syscall(SYS_gettimeofday, &tv, NULL));
	sec = syscall(SYS_time, NULL);
	wall_gap = tv.tv_sec * 1000000LL + tv.tv_usec - ns(&ts) / 1000;
	EXPECT(wall_gap >= 0 && wall_gap < 1000000, "gettimeofday - CLOCK_REALTIME = %lld us",
	       wall_gap);
	EXPECT(sec >= ts.tv_sec && sec - ts.tv_sec <= 1, "time() %ld, CLOCK_REALTIME %ld",
	       (long)sec, (long)ts.tv_sec);
	printf("CLOCK_REALTIME, gettimeofday and time agree\n");

	MUST(clock_getres(CLOCK_MONOTONIC, &res));
	EXPECT(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 10000000,
	       "resolution %ld ns", res.tv_nsec);
	printf("clock_getres(CLOCK_MONOTONIC): at most 10 ms\n");
	return prog_end();
}
