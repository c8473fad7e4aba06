// SPDX-License-Identifier: GPL-2.0
/*
 * forward-seccomp - the cost of forwarding through seccomp user
 * notification: a filter turns getpid, and writes to the /dev/null
 * descriptor the loop uses, into notifications on a listener
 * (SECCOMP_FILTER_FLAG_NEW_LISTENER); a supervisor process receives each
 * one and answers SECCOMP_USER_NOTIF_FLAG_CONTINUE, letting the kernel
 * carry the call out as if unfiltered.
 *
 *   forward-seccomp [CALLS]
 *
 * See loop.h for what is timed and printed.
 *
 * The measured process installs the filter and then forks the
 * supervisor, which inherits the filter but makes only ioctl calls, so
 * it never notifies itself. Only the supervisor keeps the listener open:
 * if it dies, the filtered calls fail with ENOSYS instead of hanging,
 * and fwd_measure() reports that.
 */
#define _GNU_SOURCE
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "loop.h"

#define ARG0_LO offsetof(struct seccomp_data, args[0])	/* little-endian */

static int install_filter(int null_fd)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getpid, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_write, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG0_LO),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, null_fd, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(insns) / sizeof(insns[0]),
		.filter = insns,
	};
	int fd;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		fwd_die("PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
	fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		     SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (fd < 0)
		fwd_die("SECCOMP_FILTER_FLAG_NEW_LISTENER: %s", strerror(errno));
	return fd;
}

/* Answers every notification with "continue" until killed. */
static void supervise(int listener)
{
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;

	for (;;) {
		memset(&req, 0, sizeof(req));	/* the kernel insists */
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0) {
			if (errno == EINTR)
				continue;
			_exit(1);	/* no write: it would notify us */
		}
		resp = (struct seccomp_notif_resp){
			.id = req.id,
			.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE,
		};
		/* ENOENT: the caller was interrupted; nothing to answer. */
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0 &&
		    errno != ENOENT)
			_exit(1);
	}
}

int main(int argc, char **argv)
{
	long calls = fwd_args("seccomp", argc, argv, 3000);
	int null_fd = fwd_open_null();
	int listener;
	pid_t pid;

	fflush(NULL);
	listener = install_filter(null_fd);
	pid = fork();
	if (pid < 0)
		fwd_die("fork: %s", strerror(errno));
	if (!pid) {
		supervise(listener);
		return 1;
	}
	close(listener);
	fwd_measure(calls, null_fd);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return 0;
}
