// SPDX-License-Identifier: GPL-2.0
/*
 * Threads of a group's variants (tests/mvx/threads.sh): 4 to 8 threads
 * that share counters under a mutex, a rwlock and a spinlock, pass items
 * through a condition variable, meet at a barrier, make calls of the
 * group (writes, reads of a pipe, getppid) from every thread at once, and
 * take a signal sent to one of them. What is printed is what the threads
 * computed, after they are joined: the same natively and in every
 * variant, whatever the threads' interleaving.
 *
 *   mvx-threads MODE [THREADS]
 *
 * MODE: mutex, rwlock, spin, cond, barrier, calls, signal or all.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ROUNDS	2000

static int nthreads = 4;

static void die(const char *what)
{
	fprintf(stderr, "mvx-threads: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void check(int err, const char *what)
{
	if (err) {
		errno = err;
		die(what);
	}
}

/* Runs @fn in nthreads threads, each given its index, and joins them. */
static void run(void *(*fn)(void *))
{
	pthread_t t[8];
	long i;

	for (i = 0; i < nthreads; i++)
		check(pthread_create(&t[i], NULL, fn, (void *)i),
		      "pthread_create");
	for (i = 0; i < nthreads; i++)
		check(pthread_join(t[i], NULL), "pthread_join");
}

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *mutex_fn(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < ROUNDS; i++) {
		/* A thread's first malloc() makes its arena (mmap, munmap). */
		char *p = malloc(64 + i % 256);

		if (!p)
			die("malloc");
		pthread_mutex_lock(&mutex);
		counter++;
		pthread_mutex_unlock(&mutex);
		free(p);
	}
	return NULL;
}

static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static long table[8];

static void *rwlock_fn(void *arg)
{
	long me = (long)arg, seen = 0;
	int i, k;

	for (i = 0; i < ROUNDS; i++) {
		if (i % 4 == 0) {
			pthread_rwlock_wrlock(&rwlock);
			table[me]++;
			pthread_rwlock_unlock(&rwlock);
		} else {
			pthread_rwlock_rdlock(&rwlock);
			for (k = 0; k < nthreads; k++)
				seen += table[k] >= 0;
			pthread_rwlock_unlock(&rwlock);
		}
	}
	return (void *)seen;
}

static pthread_spinlock_t spin;
static long spun;

static void *spin_fn(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < ROUNDS; i++) {
		pthread_spin_lock(&spin);
		spun += 2;
		pthread_spin_unlock(&spin);
	}
	return NULL;
}

/* A queue of items: half the threads put, half take. */
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qcond = PTHREAD_COND_INITIALIZER;
static long queue[16];
static int qhead, qlen, qdone;
static long taken;

static void *cond_fn(void *arg)
{
	long me = (long)arg;
	int i;

	if (me % 2 == 0) {
		for (i = 1; i <= ROUNDS / 4; i++) {
			pthread_mutex_lock(&qlock);
			while (qlen == 16)
				pthread_cond_wait(&qcond, &qlock);
			queue[(qhead + qlen++) % 16] = i;
			pthread_cond_broadcast(&qcond);
			pthread_mutex_unlock(&qlock);
		}
		pthread_mutex_lock(&qlock);
		qdone++;
		pthread_cond_broadcast(&qcond);
		pthread_mutex_unlock(&qlock);
		return NULL;
	}
	for (;;) {
		pthread_mutex_lock(&qlock);
		while (!qlen && qdone < (nthreads + 1) / 2)
			pthread_cond_wait(&qcond, &qlock);
		if (!qlen) {
			pthread_mutex_unlock(&qlock);
			return NULL;
		}
		taken += queue[qhead];
		qhead = (qhead + 1) % 16;
		qlen--;
		pthread_cond_broadcast(&qcond);
		pthread_mutex_unlock(&qlock);
	}
}

static pthread_barrier_t barrier;
static long slots[8];
static long sums[8];

static void *barrier_fn(void *arg)
{
	long me = (long)arg;
	int r, k;

	for (r = 0; r < 50; r++) {
		slots[me] = me * r;
		pthread_barrier_wait(&barrier);
		for (k = 0; k < nthreads; k++)
			sums[me] += slots[k];
		pthread_barrier_wait(&barrier);
	}
	return NULL;
}

/* Calls of the group from every thread at once, each its own. */
static int pipefd[8][2];
static long got[8];

static void *calls_fn(void *arg)
{
	long me = (long)arg;
	char buf[64];
	int i, fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		die("open /dev/null");
	for (i = 0; i < 200; i++) {
		int n = snprintf(buf, sizeof(buf), "thread %ld call %d\n", me,
				 i);

		if (write(fd, buf, n) != n || write(pipefd[me][1], buf, 1) != 1)
			die("write");
		if (read(pipefd[me][0], buf, 1) != 1)
			die("read");
		got[me] += buf[0] == 't';
		got[me] += getppid() > 0;
	}
	close(fd);
	/* Its id is its own, and the same in each call. */
	got[me] += syscall(SYS_gettid) == syscall(SYS_gettid);
	got[me] += syscall(SYS_gettid) != getpid();
	return NULL;
}

/* A signal sent to one thread, taken by it at one of its calls. */
static __thread volatile sig_atomic_t hit;
static volatile sig_atomic_t hits;

static void on_usr1(int sig)
{
	(void)sig;
	hit = 1;
	hits++;
}

static pthread_barrier_t ready;

static void *signal_fn(void *arg)
{
	long spins = 0;

	(void)arg;
	pthread_barrier_wait(&ready);
	while (!hit) {
		getppid();
		spins++;
	}
	return NULL;
}

static void mode_signal(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	pthread_t t;

	if (sigaction(SIGUSR1, &sa, NULL))
		die("sigaction");
	check(pthread_barrier_init(&ready, NULL, 2), "pthread_barrier_init");
	check(pthread_create(&t, NULL, signal_fn, NULL), "pthread_create");
	pthread_barrier_wait(&ready);
	check(pthread_kill(t, SIGUSR1), "pthread_kill");
	check(pthread_join(t, NULL), "pthread_join");
	printf("signal: %d handled\n", (int)hits);
}

static void mode(const char *m)
{
	long i, all = 0;

	if (!strcmp(m, "mutex")) {
		counter = 0;
		run(mutex_fn);
		printf("mutex: %ld\n", counter);
	} else if (!strcmp(m, "rwlock")) {
		memset(table, 0, sizeof(table));
		run(rwlock_fn);
		for (i = 0; i < nthreads; i++)
			all += table[i];
		printf("rwlock: %ld\n", all);
	} else if (!strcmp(m, "spin")) {
		check(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE),
		      "pthread_spin_init");
		spun = 0;
		run(spin_fn);
		printf("spin: %ld\n", spun);
	} else if (!strcmp(m, "cond")) {
		qhead = qlen = qdone = 0;
		taken = 0;
		run(cond_fn);
		printf("cond: %ld\n", taken);
	} else if (!strcmp(m, "barrier")) {
		check(pthread_barrier_init(&barrier, NULL, nthreads),
		      "pthread_barrier_init");
		memset(sums, 0, sizeof(sums));
		run(barrier_fn);
		for (i = 0; i < nthreads; i++)
			all += sums[i];
		printf("barrier: %ld\n", all);
	} else if (!strcmp(m, "calls")) {
		for (i = 0; i < nthreads; i++)
			if (pipe2(pipefd[i], O_CLOEXEC))
				die("pipe2");
		memset(got, 0, sizeof(got));
		run(calls_fn);
		for (i = 0; i < nthreads; i++) {
			all += got[i];
			close(pipefd[i][0]);
			close(pipefd[i][1]);
		}
		printf("calls: %ld\n", all);
	} else if (!strcmp(m, "signal")) {
		mode_signal();
	} else {
		fprintf(stderr, "mvx-threads: unknown mode %s\n", m);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	static const char *const modes[] = {
		"mutex", "rwlock", "spin", "cond", "barrier", "calls", "signal",
	};
	size_t i;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: mvx-threads MODE [THREADS]\n");
		return 2;
	}
	if (argc == 3)
		nthreads = atoi(argv[2]);
	if (nthreads < 2 || nthreads > 8) {
		fprintf(stderr, "mvx-threads: 2 to 8 threads\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(argv[1], "all")) {
		mode(argv[1]);
		return 0;
	}
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		mode(modes[i]);
	return 0;
}
