// SPDX-License-Identifier: GPL-2.0
/*
 * threads - 8 threads count the primes of their slice of [0, 400000),
 * meet at a barrier, and are joined; the counts and their sum are known.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <unistd.h>

#include "prog.h"

#define THREADS	8
#define LIMIT	400000
#define PRIMES_BELOW_LIMIT	33860

struct slice {
	int index;
	long primes;
	pid_t tid;
};

static pthread_barrier_t barrier;

static int is_prime(long n)
{
	long d;

	if (n < 2)
		return 0;
	for (d = 2; d * d <= n; d++)
		if (n % d == 0)
			return 0;
	return 1;
}

static void *count(void *arg)
{
	struct slice *s = arg;
	long n, lo = (long)s->index * (LIMIT / THREADS);
	long hi = lo + LIMIT / THREADS;

	s->tid = gettid();
	for (n = lo; n < hi; n++)
		s->primes += is_prime(n);
	pthread_barrier_wait(&barrier);
	return s;
}

int main(void)
{
	struct slice slices[THREADS] = { 0 };
	pthread_t th[THREADS];
	long total = 0;
	void *ret;
	int i, err;

	prog_start();
	pthread_barrier_init(&barrier, NULL, THREADS + 1);
	for (i = 0; i < THREADS; i++) {
		slices[i].index = i;
		err = pthread_create(&th[i], NULL, count, &slices[i]);
		EXPECT(err == 0, "pthread_create: %s", strerror(err));
		if (err)
			return 2;
	}
	pthread_barrier_wait(&barrier);
	for (i = 0; i < THREADS; i++) {
		err = pthread_join(th[i], &ret);
		EXPECT(err == 0 && ret == &slices[i], "pthread_join %d: %s", i,
		       strerror(err));
		EXPECT(slices[i].tid != getpid(), "thread %d ran in the main thread", i);
		printf("thread %d: %ld primes in [%d, %d)\n", i, slices[i].primes,
		       i * (LIMIT / THREADS), (i + 1) * (LIMIT / THREADS));
		total += slices[i].primes;
	}
	EXPECT(total == PRIMES_BELOW_LIMIT, "%ld primes below %d", total, LIMIT);
	printf("%ld primes below %d\n", total, LIMIT);
	return prog_end();
}
