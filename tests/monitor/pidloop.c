// SPDX-License-Identifier: GPL-2.0
/*
 * pidloop - calls getpid every INTERVAL ms (default 100) until SIGTERM
 * or SIGINT, or for at most 60 s; the target of the umvx -i and -m tests.
 *
 * usage: pidloop [-p PIDFILE] [-i INTERVAL_MS]
 *
 * Writes its pid to PIDFILE, prints "ready", and at the end "stopped"
 * and exits 0 (1 if the time ran out, or if getpid ever disagreed).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "prog.h"

static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { 0 };
	struct timespec ts;
	const char *pidfile = NULL;
	long interval = 100, n, max;
	pid_t pid = getpid();
	int opt;
	FILE *f;

	prog_start();
	while ((opt = getopt(argc, argv, "p:i:")) != -1) {
		if (opt == 'p')
			pidfile = optarg;
		else if (opt == 'i')
			interval = atol(optarg);
		else
			return 2;
	}
	if (interval < 1)
		return 2;
	sa.sa_handler = on_stop;
	MUST(sigaction(SIGTERM, &sa, NULL));
	MUST(sigaction(SIGINT, &sa, NULL));
	if (pidfile) {
		f = fopen(pidfile, "w");
		if (!f || fprintf(f, "%d\n", pid) < 0 || fclose(f))
			return 2;
	}
	printf("ready\n");
	max = 60000 / interval;
	ts.tv_sec = interval / 1000;
	ts.tv_nsec = interval % 1000 * 1000000;
	for (n = 0; !stop && n < max; n++) {
		EXPECT(getpid() == pid, "getpid changed");
		nanosleep(&ts, NULL);
	}
	printf("stopped\n");
	return stop ? prog_end() : 1;
}
