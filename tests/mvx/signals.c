// SPDX-License-Identifier: GPL-2.0
/*
 * Signals in a group: each is taken by every variant at the same point
 * of its calls (the return from the same call), whether the program
 * sent it itself, a timer of the leader's raised it or a child's exit
 * did: the handlers' own calls are then the same in every variant.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "prog.h"

static volatile sig_atomic_t got[NSIG];

static void on_signal(int sig)
{
	char line[] = "handler: signal ..\n";

	got[sig]++;
	line[16] = '0' + sig / 10;
	line[17] = '0' + sig % 10;
	/* A call of the handler's own, compared like any other. */
	if (write(1, line, sizeof(line) - 1) < 0)
		_exit(3);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t set, pending;
	pid_t child;
	int i, status;

	prog_start();
	sigemptyset(&sa.sa_mask);
	MUST(sigaction(SIGUSR1, &sa, NULL));
	MUST(sigaction(SIGUSR2, &sa, NULL));
	MUST(sigaction(SIGALRM, &sa, NULL));
	sa.sa_flags = SA_RESTART;
	MUST(sigaction(SIGCHLD, &sa, NULL));

	MUST(kill(getpid(), SIGUSR1));
	printf("kill: SIGUSR1 handled %d time(s)\n", got[SIGUSR1]);

	alarm(1);
	i = pause();
	printf("pause: %d, interrupted %d, SIGALRM handled %d\n", i,
	       errno == EINTR, got[SIGALRM]);

	child = MUST(fork());
	if (child == 0)
		_exit(4);
	MUST(waitpid(child, &status, 0));
	printf("fork: status %d, SIGCHLD handled %d\n", WEXITSTATUS(status),
	       got[SIGCHLD]);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	MUST(sigprocmask(SIG_BLOCK, &set, NULL));
	MUST(kill(getpid(), SIGUSR2));
	MUST(sigpending(&pending));
	printf("blocked: SIGUSR2 pending %d, handled %d\n",
	       sigismember(&pending, SIGUSR2), got[SIGUSR2]);
	MUST(sigprocmask(SIG_UNBLOCK, &set, NULL));
	printf("unblocked: SIGUSR2 handled %d\n", got[SIGUSR2]);
	return prog_end();
}
