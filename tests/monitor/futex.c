// SPDX-License-Identifier: GPL-2.0
/*
 * futex - 4 threads increment shared counters under contention: one
 * guarded by a pthread mutex, one by a lock made of raw futex(2) calls
 * (FUTEX_WAIT / FUTEX_WAKE, Drepper's "mutex 2"); then a condition
 * variable hands a token round the threads. Every count must be exact.
 * Whether contention ever puts a thread to sleep depends on timing, so
 * a thread of its own first sleeps in FUTEX_WAIT until a FUTEX_WAKE finds
 * it there.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "prog.h"

#define THREADS	4
#define ROUNDS	50000
#define PASSES	1000

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static long mutex_counter;

/* 0 unlocked, 1 locked, 2 locked with waiters */
static atomic_int flock_word;
static long futex_counter;
static atomic_int gate;

static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int token;		/* whose turn it is, under mutex */
static long passes;

static long futex(atomic_int *uaddr, int op, int val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

static void flock_lock(void)
{
	int c = 0;

	if (atomic_compare_exchange_strong(&flock_word, &c, 1))
		return;
	if (c != 2)
		c = atomic_exchange(&flock_word, 2);
	while (c != 0) {
		if (futex(&flock_word, FUTEX_WAIT_PRIVATE, 2) &&
		    errno != EAGAIN && errno != EINTR)
			EXPECT(0, "FUTEX_WAIT: %s", strerror(errno));
		c = atomic_exchange(&flock_word, 2);
	}
}

static void flock_unlock(void)
{
	if (atomic_fetch_sub(&flock_word, 1) != 1) {
		atomic_store(&flock_word, 0);
		futex(&flock_word, FUTEX_WAKE_PRIVATE, 1);
	}
}

/* Sleeps on @gate until it opens; the wakes are counted by main(). */
static void *sleeper(void *arg)
{
	(void)arg;
	while (!atomic_load(&gate))
		if (futex(&gate, FUTEX_WAIT_PRIVATE, 0) &&
		    errno != EAGAIN && errno != EINTR)
			EXPECT(0, "FUTEX_WAIT on the gate: %s", strerror(errno));
	return NULL;
}

static void *work(void *arg)
{
	int me = (int)(long)arg, i;

	for (i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&mutex);
		mutex_counter++;
		pthread_mutex_unlock(&mutex);
		flock_lock();
		futex_counter++;
		/* Now and then hold the lock across a system call, so others wait. */
		if (i % 1000 == 0)
			sched_yield();
		flock_unlock();
	}
	/* Token ring: thread k may only pass when token == k. */
	for (i = 0; i < PASSES; i++) {
		pthread_mutex_lock(&mutex);
		while (token != me)
			pthread_cond_wait(&cond, &mutex);
		passes++;
		token = (token + 1) % THREADS;
		pthread_cond_broadcast(&cond);
		pthread_mutex_unlock(&mutex);
	}
	return NULL;
}

int main(void)
{
	pthread_t th[THREADS];
	atomic_int word = 5;
	long i;

	prog_start();
	/* FUTEX_WAIT on a changed value returns EAGAIN at once. */
	EXPECT(futex(&word, FUTEX_WAIT_PRIVATE, 4) == -1 && errno == EAGAIN,
	       "FUTEX_WAIT on a changed word: %s", strerror(errno));
	EXPECT(futex(&word, FUTEX_WAKE_PRIVATE, INT_MAX) == 0,
	       "FUTEX_WAKE without waiters woke someone");
	printf("FUTEX_WAIT on a changed word: EAGAIN; FUTEX_WAKE with no waiter: 0\n");

	/* Wake without opening until a wake finds the sleeper asleep. */
	if (pthread_create(&th[0], NULL, sleeper, NULL))
		return 2;
	for (i = 0; i < 10000 && futex(&gate, FUTEX_WAKE_PRIVATE, 1) != 1; i++)
		usleep(1000);
	EXPECT(i < 10000, "no FUTEX_WAKE found the sleeper asleep in 10 s");
	atomic_store(&gate, 1);
	futex(&gate, FUTEX_WAKE_PRIVATE, 1);
	pthread_join(th[0], NULL);
	printf("FUTEX_WAKE woke a thread asleep in FUTEX_WAIT\n");

	for (i = 0; i < THREADS; i++)
		if (pthread_create(&th[i], NULL, work, (void *)i))
			return 2;
	for (i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	EXPECT(mutex_counter == THREADS * ROUNDS, "mutex counter %ld", mutex_counter);
	EXPECT(futex_counter == THREADS * ROUNDS, "futex counter %ld", futex_counter);
	EXPECT(passes == THREADS * PASSES, "%ld passes", passes);
	printf("mutex counter: %ld\n", mutex_counter);
	printf("futex counter: %ld\n", futex_counter);
	printf("token passes: %ld\n", passes);
	return prog_end();
}
