// SPDX-License-Identifier: GPL-2.0
/*
 * exec - executes itself, twice: stage 0 (run without arguments) first
 * fails to execute a missing file (ENOENT), then executes argv[0] as
 * stage 1 with an argument, which executes stage 2, which exits 5. In a
 * group every variant executes each stage.
 *
 * argv[0] must be a path (the suites give an absolute one).
 */
#define _GNU_SOURCE
#include <unistd.h>

#include "prog.h"

int main(int argc, char **argv)
{
	char *missing[] = { "/nonexistent/mvx-exec", NULL };
	char next[16], *args[4];
	int stage = argc > 1 ? atoi(argv[1]) : 0, i;

	prog_start();
	printf("stage %d: argc %d:", stage, argc);
	for (i = 1; i < argc; i++)
		printf(" '%s'", argv[i]);
	printf("\n");
	if (stage == 0) {
		execve(missing[0], missing, environ);
		printf("stage 0: execve of a missing file: %s\n", strerror(errno));
	}
	if (stage >= 2) {
		printf("stage %d: exiting 5\n", stage);
		fflush(stdout);
		return 5;
	}
	snprintf(next, sizeof(next), "%d", stage + 1);
	args[0] = argv[0];
	args[1] = next;
	args[2] = "an argument";
	args[3] = NULL;
	fflush(stdout);
	execve(argv[0], args, environ);
	printf("stage %d: execve %s: %s\n", stage, argv[0], strerror(errno));
	return 3;
}
