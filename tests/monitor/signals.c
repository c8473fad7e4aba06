// SPDX-License-Identifier: GPL-2.0
/*
 * signals - signals a process sends itself reach an SA_SIGINFO handler
 * exactly as often as they were sent, with the right siginfo; blocked
 * signals wait in the pending set until unblocked; queued real-time
 * signals keep their count and values.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "prog.h"

#define SENDS	100

static volatile sig_atomic_t usr1_count, rt_count, bad_info, rt_order_bad;
static volatile int last_code, next_rt_value;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	usr1_count++;
	last_code = si->si_code;
	if (sig != SIGUSR1 || si->si_signo != SIGUSR1 || si->si_pid != getpid())
		bad_info = 1;
}

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	(void)sig;
	if (si->si_code != SI_QUEUE || si->si_value.sival_int != next_rt_value)
		rt_order_bad = 1;
	next_rt_value++;
	rt_count++;
}

/* Sends SIGUSR1 SENDS times with @how, checking count and si_code. */
static void send_many(const char *how, int code)
{
	int i, codes_ok = 1;

	usr1_count = 0;
	for (i = 0; i < SENDS; i++) {
		if (!strcmp(how, "kill"))
			MUST(kill(getpid(), SIGUSR1));
		else if (!strcmp(how, "tgkill"))
			MUST(syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1));
		else
			EXPECT(raise(SIGUSR1) == 0, "raise failed");
		if (last_code != code)
			codes_ok = 0;
	}
	EXPECT(usr1_count == SENDS, "%s: %d deliveries", how, (int)usr1_count);
	EXPECT(codes_ok, "%s: si_code %d, not %d", how, last_code, code);
	printf("SIGUSR1 by %s: %d sent, %d handled, si_code %s\n", how, SENDS,
	       (int)usr1_count, codes_ok ? "right" : "wrong");
}

int main(void)
{
	struct sigaction sa = { 0 }, old;
	sigset_t set, oldset, pending;
	union sigval v;
	int i;

	prog_start();
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	MUST(sigaction(SIGUSR1, &sa, NULL));
	MUST(sigaction(SIGUSR1, NULL, &old));
	EXPECT(old.sa_sigaction == on_usr1 && (old.sa_flags & SA_SIGINFO),
	       "sigaction does not read back");
	printf("sigaction: the SA_SIGINFO handler reads back\n");

	send_many("kill", SI_USER);
	send_many("tgkill", SI_TKILL);
	send_many("raise", SI_TKILL);
	EXPECT(!bad_info, "a siginfo had the wrong signo or pid");

	/* Blocked: standard signals do not queue, one stays pending. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	usr1_count = 0;
	MUST(sigprocmask(SIG_BLOCK, &set, &oldset));
	EXPECT(!sigismember(&oldset, SIGUSR1), "SIGUSR1 was already blocked");
	for (i = 0; i < 3; i++)
		MUST(kill(getpid(), SIGUSR1));
	MUST(sigpending(&pending));
	EXPECT(sigismember(&pending, SIGUSR1), "SIGUSR1 is not pending");
	EXPECT(usr1_count == 0, "a blocked SIGUSR1 was handled");
	printf("blocked SIGUSR1 sent 3 times: pending, not handled\n");
	MUST(sigprocmask(SIG_SETMASK, &oldset, NULL));
	EXPECT(usr1_count == 1, "%d deliveries after unblocking", (int)usr1_count);
	MUST(sigpending(&pending));
	EXPECT(!sigismember(&pending, SIGUSR1), "SIGUSR1 is still pending");
	printf("unblocked: handled %d time, no longer pending\n", (int)usr1_count);

	/* Real-time signals queue, in order, with their values. */
	sa.sa_sigaction = on_rt;
	MUST(sigaction(SIGRTMIN, &sa, NULL));
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	MUST(sigprocmask(SIG_BLOCK, &set, NULL));
	for (i = 0; i < 10; i++) {
		v.sival_int = i;
		MUST(sigqueue(getpid(), SIGRTMIN, v));
	}
	EXPECT(rt_count == 0, "a blocked SIGRTMIN was handled");
	MUST(sigprocmask(SIG_UNBLOCK, &set, NULL));
	EXPECT(rt_count == 10 && !rt_order_bad, "%d SIGRTMIN, order %s",
	       (int)rt_count, rt_order_bad ? "wrong" : "right");
	printf("SIGRTMIN queued 10 times while blocked: %d handled, values in order\n",
	       (int)rt_count);

	/* sigsuspend returns after the handler ran. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	MUST(sigprocmask(SIG_BLOCK, &set, &oldset));
	usr1_count = 0;
	MUST(kill(getpid(), SIGUSR1));
	sigemptyset(&set);
	EXPECT(sigsuspend(&set) == -1 && errno == EINTR, "sigsuspend");
	EXPECT(usr1_count == 1, "sigsuspend: %d deliveries", (int)usr1_count);
	MUST(sigprocmask(SIG_SETMASK, &oldset, NULL));
	printf("sigsuspend: returned EINTR after the handler ran once\n");
	return prog_end();
}
