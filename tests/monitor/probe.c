// SPDX-License-Identifier: GPL-2.0
/*
 * probe - makes the calls the policy tests rule on, and reports each
 * outcome on standard output; exits 0 when it got to the end.
 *
 * usage: probe open FILE   fopen(FILE, "r") (openat), then other calls
 *        probe getppid     getppid(), which a "getppid kill" rule kills
 */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <unistd.h>

#include "prog.h"

int main(int argc, char **argv)
{
	struct stat st;
	FILE *f;

	prog_start();
	if (argc == 3 && !strcmp(argv[1], "open")) {
		f = fopen(argv[2], "r");
		printf("fopen %s: %s\n", argv[2], f ? "opened" : strerror(errno));
		if (f)
			fclose(f);
		/* Calls no rule names go on working. */
		printf("stat: %s\n", stat(argv[2], &st) == 0 ? "ok" : strerror(errno));
		printf("getpid: %s\n", getpid() > 0 ? "ok" : "failed");
		printf("getppid: %s\n", getppid() > 0 ? "ok" : "failed");
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "getppid")) {
		printf("calling getppid\n");
		printf("getppid returned: %s\n", getppid() > 0 ? "a pid" : "failed");
		return 0;
	}
	fprintf(stderr, "usage: probe open FILE | probe getppid\n");
	return 2;
}
