/* SPDX-License-Identifier: GPL-2.0 */
/*
 * loop.h - the measuring loop shared by the forwarding benchmarks.
 *
 * Each program (native.c, ptrace.c, seccomp.c, sud.c) sets up one way of
 * forwarding a process's system calls and then calls fwd_measure(),
 * which times two loops, best of FWD_ROUNDS runs each, and prints
 *
 *   forward-METHOD-getpid NS ns
 *   forward-METHOD-write64 NS ns
 *
 * (nanoseconds per call) on standard output; every run on standard
 * error. The calls go through syscall() so that no C library can answer
 * getpid without entering the kernel. Errors are printed as
 * "bench: forward METHOD: ..." and make the program exit 1.
 */
#ifndef FWD_LOOP_H
#define FWD_LOOP_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The VM's host steals time in bursts: the best of several runs is the cost. */
#define FWD_ROUNDS 7
#define FWD_WRITE_SIZE 64

static const char *fwd_method;

/* Prints "bench: forward METHOD: MESSAGE" and exits 1. */
__attribute__((format(printf, 1, 2), noreturn))
static void fwd_die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "bench: forward %s: ", fwd_method);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Parses "PROGRAM [CALLS]", CALLS defaulting to default_calls. */
static long fwd_args(const char *method, int argc, char **argv,
		     long default_calls)
{
	long calls = argc > 1 ? atol(argv[1]) : default_calls;

	fwd_method = method;
	if (argc > 2 || calls <= 0) {
		fprintf(stderr, "usage: forward-%s [CALLS]\n", method);
		exit(2);
	}
	return calls;
}

/* Opens /dev/null for the write loop; before any filter is set up. */
static int fwd_open_null(void)
{
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		fwd_die("/dev/null: %s", strerror(errno));
	return fd;
}

static double fwd_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* One call of the loop being timed: getpid, or a 64-byte write to fd. */
static inline long fwd_call(int fd, const char *buf)
{
	if (fd < 0)
		return syscall(SYS_getpid);
	return syscall(SYS_write, fd, buf, FWD_WRITE_SIZE);
}

/*
 * Fails if the forwarding broke the call, e.g. ENOSYS from a seccomp
 * listener that is gone: better no figure than a wrong one.
 */
static void fwd_check(const char *call, int fd, const char *buf)
{
	if (fwd_call(fd, buf) != (fd < 0 ? getpid() : FWD_WRITE_SIZE))
		fwd_die("%s does not work: %s", call, strerror(errno));
}

/* Times FWD_ROUNDS runs of calls calls and prints the best. */
static void fwd_time(const char *call, long calls, int fd)
{
	static const char buf[FWD_WRITE_SIZE];
	double best = 0;

	fwd_check(call, fd, buf);
	for (long i = 0; i < calls / 10; i++)	/* warm up */
		fwd_call(fd, buf);

	fprintf(stderr, "forward-%s-%s: %d rounds of %ld calls, ns per call:",
		fwd_method, call, FWD_ROUNDS, calls);
	for (int r = 0; r < FWD_ROUNDS; r++) {
		double t0 = fwd_now_ns(), ns;

		for (long i = 0; i < calls; i++)
			fwd_call(fd, buf);
		ns = (fwd_now_ns() - t0) / calls;
		fprintf(stderr, " %.1f", ns);
		if (!r || ns < best)
			best = ns;
	}
	fprintf(stderr, "\n");
	fwd_check(call, fd, buf);
	printf("forward-%s-%s %.1f ns\n", fwd_method, call, best);
	fflush(stdout);
}

/* Times getpid, then 64-byte writes to null_fd (from fwd_open_null). */
static void fwd_measure(long calls, int null_fd)
{
	fwd_time("getpid", calls, -1);
	fwd_time("write64", calls, null_fd);
}

#endif
