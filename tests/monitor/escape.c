// SPDX-License-Identifier: GPL-2.0
/*
 * escape - run under the monitor, tries to execute a program that would
 * run unmonitored, in each of the ways a monitor's own check of execve
 * cannot see through; the kernel must not let the program get past its
 * dynamic loader unless it registers the same monitor with the same
 * policy (see "Execve" in the uapi header).
 *
 * usage: escape MODE STATIC DYNAMIC
 *   STATIC   a statically linked program that prints "showargs: ..."
 *   DYNAMIC  the same, dynamically linked
 *   opath       execveat() of an O_PATH descriptor of STATIC, AT_EMPTY_PATH
 *   script      a #! script whose interpreter is a #! script of STATIC
 *   preload     DYNAMIC with LD_PRELOAD naming a libmvx.so that does not
 *               exist
 *   unreadable  STATIC copied to a file that may be executed but not
 *               read, executed by an unprivileged user
 *   nopolicy    this program again, with libmvx preloaded but without
 *               MVX_POLICY: the child must still apply the policy (run
 *               this mode with a policy that denies openat with EACCES)
 *
 * A forked child makes the attempt; its standard output comes back
 * through a pipe. PASS if the program did not run unmonitored: the
 * execve failed, or the child was killed before the program printed
 * anything, or (nopolicy) the policy still held. One line, PASS or FAIL.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../lib/check.h"

extern char **environ;

static char dir[64];

/* Writes @text to @path, executable (or execute-only with @mode). */
static void put(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0700);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text) ||
	    close(fd) || chmod(path, mode)) {
		perror(path);
		exit(2);
	}
}

static void copy(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	int in = open(from, O_RDONLY), out;
	ssize_t n;

	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	if (in < 0 || out < 0) {
		perror(to);
		exit(2);
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n) {
			perror(to);
			exit(2);
		}
	close(in);
	if (close(out) || chmod(to, mode)) {
		perror(to);
		exit(2);
	}
}

static void drop_privileges(void)
{
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
		perror("escape: dropping privileges");
		_exit(2);
	}
}

/* The attempt, in the child: returns only if the exec failed. */
static void attempt(const char *mode, const char *stat_prog,
		    const char *dyn_prog, const char *self)
{
	char path[128], text[256];
	char *argv[] = { (char *)"showargs", (char *)"escaped", NULL };
	char *preload_env[] = { (char *)"LD_PRELOAD=/nonexistent/libmvx.so",
				NULL };
	char *self_argv[] = { (char *)self, (char *)"child", NULL };
	char *self_env[64];
	int fd, i, n = 0;

	if (!strcmp(mode, "opath")) {
		fd = open(stat_prog, O_PATH);
		syscall(SYS_execveat, fd, "", argv, environ, AT_EMPTY_PATH);
	} else if (!strcmp(mode, "script")) {
		snprintf(path, sizeof(path), "%s/inner", dir);
		snprintf(text, sizeof(text), "#!%s\n", stat_prog);
		put(path, text, 0755);
		snprintf(text, sizeof(text), "#!%s\n", path);
		snprintf(path, sizeof(path), "%s/outer", dir);
		put(path, text, 0755);
		execve(path, argv, environ);
	} else if (!strcmp(mode, "preload")) {
		execve(dyn_prog, argv, preload_env);
	} else if (!strcmp(mode, "unreadable")) {
		snprintf(path, sizeof(path), "%s/xonly", dir);
		copy(stat_prog, path, 0111);
		drop_privileges();
		execve(path, argv, environ);
	} else if (!strcmp(mode, "nopolicy")) {
		for (i = 0; environ[i] && n < 63; i++)
			if (strncmp(environ[i], "MVX_POLICY=", 11))
				self_env[n++] = environ[i];
		self_env[n] = NULL;
		execve(self, self_argv, self_env);
	}
	printf("escape: exec refused: %s\n", strerror(errno));
	fflush(stdout);
	_exit(3);
}

/* The re-executed program of mode nopolicy: does the policy still hold? */
static int child(void)
{
	int fd = open("/proc/self/status", O_RDONLY);

	if (fd >= 0) {
		printf("escape: child: openat succeeded: the policy was lost\n");
		return 1;
	}
	printf("escape: child: openat failed: %s\n", strerror(errno));
	return errno == EACCES ? 0 : 1;
}

int main(int argc, char **argv)
{
	char out[4096];
	int pipefd[2], status;
	ssize_t len = 0, n;
	pid_t pid;

	if (argc == 2 && !strcmp(argv[1], "child"))
		return child();
	if (argc != 4) {
		fprintf(stderr, "usage: escape MODE STATIC DYNAMIC\n");
		return 2;
	}
	snprintf(dir, sizeof(dir), "/tmp/escape.%d", getpid());
	if (mkdir(dir, 0755) && errno != EEXIST) {
		perror(dir);
		return 2;
	}
	if (pipe(pipefd)) {
		perror("pipe");
		return 2;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (!pid) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		close(pipefd[1]);
		attempt(argv[1], argv[2], argv[3], "/proc/self/exe");
	}
	close(pipefd[1]);
	while (len < (ssize_t)sizeof(out) - 1 &&
	       (n = read(pipefd[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += n;
	out[len] = 0;
	waitpid(pid, &status, 0);
	if (len)
		printf("%s", out);
	if (!strcmp(argv[1], "nopolicy"))
		check(WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
		      strstr(out, "openat failed: Permission denied"),
		      "escape: nopolicy: the re-executed program applies the policy without MVX_POLICY (%s)",
		      WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "exited");
	else
		check(!strstr(out, "showargs:") &&
		      ((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) ||
		       (WIFEXITED(status) && WEXITSTATUS(status) == 3)),
		      "escape: %s: the program did not run unmonitored (%s %d)",
		      argv[1], WIFSIGNALED(status) ? "killed by signal" : "exit",
		      WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	return check_failures != 0;
}
