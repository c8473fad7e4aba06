// SPDX-License-Identifier: GPL-2.0
/*
 * timers - interval timers, POSIX timers, timerfd and sleeps: each timer
 * fires the number of times it was armed for, each sleep lasts at least
 * as long as asked, and a sleep cut by a signal says what remained.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "prog.h"

#define EXPIRATIONS	5
#define PERIOD_NS	10000000L	/* 10 ms */

static volatile sig_atomic_t alrm_count, rt_count;

static void on_alrm(int sig)
{
	struct itimerval stop = { 0 };

	(void)sig;
	/* Disarmed from the handler: exactly EXPIRATIONS, never one more. */
	if (++alrm_count == EXPIRATIONS)
		setitimer(ITIMER_REAL, &stop, NULL);
}

static timer_t posix_timer;

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	struct itimerspec stop = { 0 };

	(void)sig;
	(void)uc;
	if (si->si_code != SI_TIMER)
		return;
	if (++rt_count == EXPIRATIONS)
		timer_settime(posix_timer, 0, &stop, NULL);
}

static long long now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void wait_count(volatile sig_atomic_t *count, int want)
{
	sigset_t none;

	sigemptyset(&none);
	while (*count < want)
		sigsuspend(&none);
}

int main(void)
{
	struct itimerval itv = { { 0, PERIOD_NS / 1000 }, { 0, PERIOD_NS / 1000 } };
	struct itimerspec its = { { 0, PERIOD_NS }, { 0, PERIOD_NS } };
	struct sigevent sev = { 0 };
	struct sigaction sa = { 0 };
	struct timespec req, rem;
	sigset_t block, old;
	long long t0, t1;
	uint64_t exp, total = 0;
	int fd;

	prog_start();
	/* The signals are handled in sigsuspend only. */
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigaddset(&block, SIGRTMIN);
	MUST(sigprocmask(SIG_BLOCK, &block, &old));

	sa.sa_handler = on_alrm;
	MUST(sigaction(SIGALRM, &sa, NULL));
	t0 = now_ns(CLOCK_MONOTONIC);
	MUST(setitimer(ITIMER_REAL, &itv, NULL));
	wait_count(&alrm_count, EXPIRATIONS);
	t1 = now_ns(CLOCK_MONOTONIC);
	MUST(getitimer(ITIMER_REAL, &itv));
	EXPECT(!itv.it_value.tv_sec && !itv.it_value.tv_usec, "the timer is still armed");
	EXPECT(t1 - t0 >= EXPIRATIONS * PERIOD_NS, "%d expirations in %lld ns",
	       EXPIRATIONS, t1 - t0);
	usleep(3 * PERIOD_NS / 1000);
	EXPECT(alrm_count == EXPIRATIONS, "%d SIGALRM", (int)alrm_count);
	printf("setitimer(ITIMER_REAL): %d SIGALRM, then disarmed\n", (int)alrm_count);

	sa.sa_sigaction = on_rt;
	sa.sa_flags = SA_SIGINFO;
	MUST(sigaction(SIGRTMIN, &sa, NULL));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGRTMIN;
	MUST(timer_create(CLOCK_MONOTONIC, &sev, &posix_timer));
	t0 = now_ns(CLOCK_MONOTONIC);
	MUST(timer_settime(posix_timer, 0, &its, NULL));
	wait_count(&rt_count, EXPIRATIONS);
	t1 = now_ns(CLOCK_MONOTONIC);
	EXPECT(t1 - t0 >= EXPIRATIONS * PERIOD_NS, "timer_create: %lld ns", t1 - t0);
	usleep(3 * PERIOD_NS / 1000);
	EXPECT(rt_count == EXPIRATIONS, "%d SIGRTMIN", (int)rt_count);
	MUST(timer_delete(posix_timer));
	printf("timer_create(SIGEV_SIGNAL): %d SIGRTMIN, then disarmed\n", (int)rt_count);
	MUST(sigprocmask(SIG_SETMASK, &old, NULL));

	fd = MUST(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC));
	t0 = now_ns(CLOCK_MONOTONIC);
	MUST(timerfd_settime(fd, 0, &its, NULL));
	while (total < EXPIRATIONS) {
		EXPECT(read(fd, &exp, sizeof(exp)) == sizeof(exp), "read timerfd: %s",
		       strerror(errno));
		total += exp;
	}
	t1 = now_ns(CLOCK_MONOTONIC);
	/* Late reads see several expirations at once: at least, not exactly. */
	EXPECT(t1 - t0 >= EXPIRATIONS * PERIOD_NS, "timerfd: %lld ns", t1 - t0);
	close(fd);
	printf("timerfd: at least %d expirations, none early\n", EXPIRATIONS);

	req = (struct timespec){ 0, 20000000 };
	t0 = now_ns(CLOCK_MONOTONIC);
	MUST(nanosleep(&req, NULL));
	t1 = now_ns(CLOCK_MONOTONIC);
	EXPECT(t1 - t0 >= 20000000, "nanosleep(20 ms) slept %lld ns", t1 - t0);
	printf("nanosleep(20 ms): slept at least 20 ms\n");

	t0 = now_ns(CLOCK_MONOTONIC);
	req = (struct timespec){ (t0 + 30000000) / 1000000000,
				 (t0 + 30000000) % 1000000000 };
	EXPECT(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &req, NULL) == 0,
	       "clock_nanosleep");
	EXPECT(now_ns(CLOCK_MONOTONIC) >= t0 + 30000000, "woke before the deadline");
	printf("clock_nanosleep(TIMER_ABSTIME, +30 ms): woke after the deadline\n");

	/* A sleep cut short by SIGALRM returns EINTR and the time left. */
	alrm_count = EXPIRATIONS - 1;	/* the next one disarms */
	itv = (struct itimerval){ { 0, 0 }, { 0, 20000 } };
	MUST(setitimer(ITIMER_REAL, &itv, NULL));
	req = (struct timespec){ 5, 0 };
	EXPECT(nanosleep(&req, &rem) == -1 && errno == EINTR, "nanosleep not cut");
	EXPECT(rem.tv_sec >= 4 && rem.tv_sec <= 5, "%ld s remained", (long)rem.tv_sec);
	printf("nanosleep(5 s) cut by SIGALRM: EINTR, about 5 s remained\n");
	return prog_end();
}
