// SPDX-License-Identifier: GPL-2.0
/*
 * forward-ptrace - the cost of a minimal ptrace forwarder: the parent
 * traces the measuring child with PTRACE_SYSCALL, so the child stops at
 * every system call's entry and exit, and the parent only resumes it.
 * That round trip through the tracer is what any ptrace-based monitor
 * pays per call before it does any work.
 *
 *   forward-ptrace [CALLS]
 *
 * See loop.h for what is timed and printed (by the child).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "loop.h"

static void measure(long calls)
{
	int fd = fwd_open_null();

	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
		fwd_die("PTRACE_TRACEME: %s", strerror(errno));
	raise(SIGSTOP);		/* until the parent has set its options */
	fwd_measure(calls, fd);
}

/* Resumes the child at every stop until it ends; returns its status. */
static int forward(pid_t pid)
{
	long opts = PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD;
	int status;

	if (waitpid(pid, &status, 0) < 0 || !WIFSTOPPED(status))
		fwd_die("the child did not stop");
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)opts) < 0)
		fwd_die("PTRACE_SETOPTIONS: %s", strerror(errno));
	if (ptrace(PTRACE_SYSCALL, pid, NULL, NULL) < 0)
		fwd_die("PTRACE_SYSCALL: %s", strerror(errno));
	for (;;) {
		long sig = 0;

		if (waitpid(pid, &status, 0) < 0)
			fwd_die("waitpid: %s", strerror(errno));
		if (WIFEXITED(status))
			return WEXITSTATUS(status);
		if (WIFSIGNALED(status))
			fwd_die("the child was killed by signal %d",
				WTERMSIG(status));
		/* A system call stop (SIGTRAP|0x80) or a signal to pass on. */
		if (WSTOPSIG(status) != (SIGTRAP | 0x80))
			sig = WSTOPSIG(status);
		if (ptrace(PTRACE_SYSCALL, pid, NULL, (void *)sig) < 0)
			fwd_die("PTRACE_SYSCALL: %s", strerror(errno));
	}
}

int main(int argc, char **argv)
{
	long calls = fwd_args("ptrace", argc, argv, 2000);
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		fwd_die("fork: %s", strerror(errno));
	if (!pid) {
		measure(calls);
		return 0;
	}
	return forward(pid);
}
