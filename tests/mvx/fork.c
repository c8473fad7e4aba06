// SPDX-License-Identifier: GPL-2.0
/*
 * fork, vfork and posix_spawn in a group: the children of the variants
 * form a group of their own, every variant sees the leader's ids (a
 * child's id from fork is the one waitpid and kill take), a signal sent
 * to a child kills it in every variant, and exit statuses come back.
 */
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "prog.h"

extern char **environ;

int main(void)
{
	char *spawn_argv[] = { "/bin/dash", "-c", "echo spawned; exit 6", NULL };
	pid_t me = getpid(), child, got;
	char buf[4] = { 0 };
	int p[2], status;

	prog_start();
	MUST(pipe(p));
	child = MUST(fork());
	if (child == 0) {
		close(p[0]);
		printf("child: parent is getppid(): %d\n", getppid() == me);
		EXPECT(write(p[1], "hi", 2) == 2, "write: %s", strerror(errno));
		_exit(7);
	}
	close(p[1]);
	EXPECT(read(p[0], buf, 2) == 2, "read: %s", strerror(errno));
	got = waitpid(child, &status, 0);
	printf("fork: waitpid gives fork's id: %d, status %d, read %s\n",
	       got == child, WIFEXITED(status) ? WEXITSTATUS(status) : -1, buf);

	child = MUST(fork());
	if (child == 0) {
		for (;;)
			pause();
	}
	EXPECT(kill(child, SIGTERM) == 0, "kill: %s", strerror(errno));
	got = waitpid(child, &status, 0);
	printf("kill: waitpid gives fork's id: %d, killed by signal %d\n",
	       got == child, WIFSIGNALED(status) ? WTERMSIG(status) : 0);

	child = vfork();
	if (child == 0)
		_exit(3);
	got = waitpid(child, &status, 0);
	printf("vfork: waitpid gives vfork's id: %d, status %d\n", got == child,
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1);

	EXPECT(posix_spawn(&child, spawn_argv[0], NULL, NULL, spawn_argv,
			   environ) == 0, "posix_spawn");
	got = waitpid(child, &status, 0);
	printf("posix_spawn: waitpid gives its id: %d, status %d\n",
	       got == child, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return prog_end();
}
