// SPDX-License-Identifier: GPL-2.0
/*
 * threadbench - what a multi-threaded program pays for its monitor: while
 * one thread is in an excursion, kmvx parks the others out of user space
 * (kmod/park.c), so every forwarded call of a thread costs its siblings
 * too, and costs more the more of them run.
 *
 *   threadbench MODE THREADS [CALLS]
 *
 * MODE calls: every thread makes CALLS getppid() calls (forwarded under
 *	the monitor unless exempt).
 * MODE spin:  one thread makes CALLS getppid() calls while the other
 *	THREADS - 1 spin in user space without system calls: each excursion
 *	must send them into the kernel and wait for them.
 *
 * Prints "threads-MODE-THREADS NS ns": wall-clock nanoseconds per call
 * made, over all calling threads, and in spin mode how many loops the
 * spinners managed per call ("threads-spin-N-work LOOPS loops").
 * Dynamically linked, so that bench/run can preload libmvx.so.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long calls;
static atomic_int stop;
static atomic_long spun;

static long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void *caller(void *arg)
{
	long i;

	(void)arg;
	for (i = 0; i < calls; i++)
		syscall(SYS_getppid);
	return NULL;
}

static void *spinner(void *arg)
{
	long n = 0;

	(void)arg;
	while (!atomic_load_explicit(&stop, memory_order_relaxed))
		n++;
	atomic_fetch_add(&spun, n);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t tid[64];
	int spin, n, i, callers;
	long start, ns;

	if (argc < 3 || (strcmp(argv[1], "calls") && strcmp(argv[1], "spin"))) {
		fprintf(stderr, "usage: threadbench calls|spin THREADS [CALLS]\n");
		return 2;
	}
	spin = !strcmp(argv[1], "spin");
	n = atoi(argv[2]);
	calls = argc > 3 ? atol(argv[3]) : 20000;
	if (n < 1 || n > 64 || calls < 1) {
		fprintf(stderr, "threadbench: 1 to 64 threads, at least 1 call\n");
		return 2;
	}
	callers = spin ? 1 : n;

	start = now_ns();
	for (i = 1; i < n; i++)
		if (pthread_create(&tid[i], NULL, spin ? spinner : caller, NULL)) {
			fprintf(stderr, "threadbench: pthread_create failed\n");
			return 1;
		}
	caller(NULL);
	if (spin)
		atomic_store(&stop, 1);
	for (i = 1; i < n; i++)
		pthread_join(tid[i], NULL);
	ns = now_ns() - start;

	printf("threads-%s-%d %.0f ns\n", argv[1], n,
	       (double)ns / ((double)calls * callers));
	if (spin && n > 1)
		printf("threads-spin-%d-work %.0f loops\n", n,
		       (double)atomic_load(&spun) / calls);
	return 0;
}
