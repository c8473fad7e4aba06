// SPDX-License-Identifier: GPL-2.0
/*
 * getpid - the cost of the cheapest system call, for comparing kernels.
 *
 *   getpid [CALLS [ROUNDS]]
 *
 * Times ROUNDS (default 5) runs of CALLS (default 2,000,000) calls of
 * syscall(SYS_getpid) in a tight loop, and prints the best run as
 * "getpid N ns" (nanoseconds per call) on standard output; every run on
 * standard error. syscall() is used so that no C library caches the pid.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long calls = argc > 1 ? atol(argv[1]) : 2000000;
	int rounds = argc > 2 ? atoi(argv[2]) : 5;
	double best = 0;

	if (argc > 3 || calls <= 0 || rounds <= 0) {
		fprintf(stderr, "usage: getpid [CALLS [ROUNDS]]\n");
		return 2;
	}
	for (long i = 0; i < calls / 10; i++)	/* warm up caches and clocks */
		syscall(SYS_getpid);

	fprintf(stderr, "getpid: %d rounds of %ld calls, ns per call:", rounds,
		calls);
	for (int r = 0; r < rounds; r++) {
		double t0 = now_ns(), ns;

		for (long i = 0; i < calls; i++)
			syscall(SYS_getpid);
		ns = (now_ns() - t0) / calls;
		fprintf(stderr, " %.1f", ns);
		if (!r || ns < best)
			best = ns;
	}
	fprintf(stderr, "\n");
	printf("getpid %.1f ns\n", best);
	return 0;
}
