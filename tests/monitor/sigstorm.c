// SPDX-License-Identifier: GPL-2.0
/*
 * sigstorm - a timer signal every 500 µs while the program makes system
 * calls as fast as it can, so that many signals arrive while a call is
 * in the monitor. Every one must reach the handler in the program's own
 * context: the handler's frame, and the context it interrupted, are
 * outside the monitor's memory ("[mvx]" in /proc/self/maps), and a
 * system call from the handler works (it is forwarded in turn). The
 * number of signals depends on the run, so it goes to standard error
 * only when a check fails.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#include "prog.h"

#define CALLS	40000
#define TICK_US	500

static uintptr_t mvx_start, mvx_end;	/* [mvx], or empty */
static pid_t self;
static volatile sig_atomic_t handled, in_monitor, bad_pid;

static int in_mvx(uintptr_t addr)
{
	return addr >= mvx_start && addr < mvx_end;
}

static void on_alarm(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	int local;

	(void)sig;
	(void)si;
	if (in_mvx((uintptr_t)&local) ||
	    in_mvx(uc->uc_mcontext.gregs[REG_RIP]) ||
	    in_mvx(uc->uc_mcontext.gregs[REG_RSP]))
		in_monitor++;
	if (syscall(SYS_getpid) != self)
		bad_pid++;
	handled++;
}

/* The monitor's mapping, if this process has one. */
static void find_mvx(void)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long start, end;

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strstr(line, "[mvx]") &&
		    sscanf(line, "%lx-%lx", &start, &end) == 2) {
			if (!mvx_start || start < mvx_start)
				mvx_start = start;
			if (end > mvx_end)
				mvx_end = end;
		}
	}
	fclose(f);
}

int main(void)
{
	struct sigaction sa = { 0 };
	struct itimerval it = { { 0, TICK_US }, { 0, TICK_US } };
	struct itimerval off = { 0 };
	int i, wrong = 0;

	prog_start();
	find_mvx();
	self = getpid();
	sa.sa_sigaction = on_alarm;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	MUST(sigaction(SIGALRM, &sa, NULL));
	MUST(setitimer(ITIMER_REAL, &it, NULL));
	for (i = 0; i < CALLS; i++)
		if (syscall(SYS_getpid) != self)
			wrong++;
	MUST(setitimer(ITIMER_REAL, &off, NULL));

	EXPECT(!wrong, "%d of %d getpid calls returned another pid", wrong,
	       CALLS);
	EXPECT(handled > 0, "no SIGALRM reached the handler");
	EXPECT(!in_monitor, "%d of %d handlers ran in the monitor's memory",
	       (int)in_monitor, (int)handled);
	EXPECT(!bad_pid, "%d getpid calls from the handler failed",
	       (int)bad_pid);
	printf("sigstorm: %d calls under a %d us timer: every call right, "
	       "the handler ran outside the monitor\n", CALLS, TICK_US);
	return prog_end();
}
