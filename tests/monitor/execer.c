// SPDX-License-Identifier: GPL-2.0
/*
 * execer - executes a program and reports how that went.
 *
 * usage: execer [-d] [-e] PROGRAM [ARG...]
 *   (default) a forked child executes PROGRAM; the parent waits and
 *             prints the child's exit status
 *   -d        this process executes PROGRAM itself
 *   -e        with an empty environment (under the monitor, that has no
 *             LD_PRELOAD naming libmvx.so, so it is refused)
 *
 * When execve fails, the process that called it prints "execve NAME:
 * ERROR" (NAME the last part of PROGRAM's path) and exits 3.
 */
#define _GNU_SOURCE
#include <sys/wait.h>
#include <unistd.h>

#include "prog.h"

static void run(char **argv, char **envp)
{
	const char *name = strrchr(argv[0], '/');

	execve(argv[0], argv, envp);
	printf("execve %s: %s\n", name ? name + 1 : argv[0], strerror(errno));
	fflush(stdout);
	_exit(3);
}

int main(int argc, char **argv)
{
	char *empty[] = { NULL };
	char **envp = environ;
	int opt, direct = 0, status;
	pid_t pid;

	prog_start();
	while ((opt = getopt(argc, argv, "+de")) != -1) {
		switch (opt) {
		case 'd':
			direct = 1;
			break;
		case 'e':
			envp = empty;
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: execer [-d] [-e] PROGRAM [ARG...]\n");
		return 2;
	}
	printf("execer: executing in %s\n", direct ? "this process" : "a child");
	fflush(stdout);
	if (direct)
		run(argv + optind, envp);
	pid = MUST(fork());
	if (pid == 0)
		run(argv + optind, envp);
	MUST(waitpid(pid, &status, 0));
	if (WIFEXITED(status))
		printf("execer: the child exited %d\n", WEXITSTATUS(status));
	else
		printf("execer: the child was killed by signal %d\n", WTERMSIG(status));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
