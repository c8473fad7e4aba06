// SPDX-License-Identifier: GPL-2.0
/*
 * sigint - spins without system calls until SIGINT arrives from outside.
 *
 * usage: sigint [-p PIDFILE]
 *
 * Installs a SIGINT handler that sets a flag, writes its pid to PIDFILE,
 * prints "ready" and spins; the loop notices the flag and the program
 * prints "SIGINT handled in the busy loop" and exits 0. The handler's
 * return is an rt_sigreturn, which the monitor sees. After 60 s without
 * the signal, it gives up and exits 1.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "prog.h"

static volatile sig_atomic_t got_sigint;

static void on_sigint(int sig)
{
	(void)sig;
	got_sigint++;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { 0 };
	struct timespec start, now;
	volatile unsigned long spins = 0;
	FILE *f;

	prog_start();
	sa.sa_handler = on_sigint;
	MUST(sigaction(SIGINT, &sa, NULL));
	if (argc == 3 && !strcmp(argv[1], "-p")) {
		f = fopen(argv[2], "w");
		if (!f || fprintf(f, "%d\n", getpid()) < 0 || fclose(f))
			return 2;
	}
	printf("ready\n");
	clock_gettime(CLOCK_MONOTONIC, &start);	/* the vDSO: no system call */
	while (!got_sigint) {
		if (++spins % (1UL << 20) == 0) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec - start.tv_sec > 60) {
				printf("no SIGINT after 60 s\n");
				return 1;
			}
		}
	}
	printf("SIGINT handled in the busy loop: %d time(s)\n", (int)got_sigint);
	return got_sigint == 1 ? 0 : 1;
}
