// SPDX-License-Identifier: GPL-2.0
/*
 * forkpipe - children write to a pipe, the parent reads everything and
 * waits for each, checking what they wrote and their exit statuses.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "prog.h"

#define CHILDREN	5
#define LINES		200

int main(void)
{
	int fd[2], i, status, lines[CHILDREN] = { 0 }, exited = 0;
	int statuses[CHILDREN] = { 0 };
	pid_t pids[CHILDREN], pid;
	char buf[65536], *p, *nl;
	size_t len = 0;
	ssize_t n;

	prog_start();
	MUST(pipe(fd));
	fflush(stdout);
	for (i = 0; i < CHILDREN; i++) {
		pids[i] = MUST(fork());
		if (pids[i] == 0) {
			char line[64];
			int k, m;

			close(fd[0]);
			for (k = 0; k < LINES; k++) {
				/* One write per line, below PIPE_BUF: atomic. */
				m = snprintf(line, sizeof(line), "child %d line %d\n", i, k);
				if (write(fd[1], line, m) != m)
					_exit(100);
			}
			_exit(10 + i);
		}
	}
	close(fd[1]);
	while ((n = read(fd[0], buf + len, sizeof(buf) - 1 - len)) > 0) {
		len += n;
		if (len == sizeof(buf) - 1)
			break;
	}
	EXPECT(n >= 0, "read: %s", strerror(errno));
	buf[len] = '\0';
	for (p = buf; (nl = strchr(p, '\n')); p = nl + 1) {
		int c, k;

		*nl = '\0';
		if (sscanf(p, "child %d line %d", &c, &k) != 2 || c < 0 ||
		    c >= CHILDREN || k != lines[c]) {
			EXPECT(0, "unexpected line '%s'", p);
			break;
		}
		lines[c]++;
	}
	EXPECT(*p == '\0', "a partial line at the end: '%s'", p);
	for (i = 0; i < CHILDREN; i++) {
		EXPECT(lines[i] == LINES, "child %d: %d lines", i, lines[i]);
		printf("child %d: %d lines in order\n", i, lines[i]);
	}
	while ((pid = wait(&status)) > 0) {
		for (i = 0; i < CHILDREN && pids[i] != pid; i++)
			;
		EXPECT(i < CHILDREN, "wait returned an unknown pid %d", pid);
		if (i == CHILDREN)
			continue;
		statuses[i] = status;
		exited++;
	}
	EXPECT(errno == ECHILD, "wait: %s", strerror(errno));
	/* In the children's order, not wait's: the output must not vary. */
	for (i = 0; i < CHILDREN; i++) {
		EXPECT(WIFEXITED(statuses[i]) && WEXITSTATUS(statuses[i]) == 10 + i,
		       "child %d: status 0x%x", i, statuses[i]);
		printf("child %d: exited %d\n", i, WEXITSTATUS(statuses[i]));
	}
	EXPECT(exited == CHILDREN, "%d children waited for", exited);

	/* A child killed by a signal, reaped with waitpid. */
	pid = MUST(fork());
	if (pid == 0) {
		pause();
		_exit(1);
	}
	MUST(kill(pid, SIGTERM));
	MUST(waitpid(pid, &status, 0));
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	       "status 0x%x", status);
	printf("a child killed by SIGTERM: %s\n",
	       WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "not signaled");
	return prog_end();
}
