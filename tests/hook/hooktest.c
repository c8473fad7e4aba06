// SPDX-License-Identifier: GPL-2.0
/*
 * In-VM test of the system call hook, driven through mvx_hook_test.ko.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../lib/check.h"

#define CTL		"/sys/kernel/debug/mvx_hook_test/ctl"
#define MAGIC		0x6d7678
#define RESULT		4242

struct stats {
	long enter, exit, skipped, foreign;
	int set;
};

static struct stats read_stats(void)
{
	struct stats s = { -1, -1, -1, -1, -1 };
	char buf[160] = "";
	int fd = open(CTL, O_RDONLY);

	if (fd >= 0 && read(fd, buf, sizeof(buf) - 1) > 0)
		sscanf(buf, "enter=%ld exit=%ld skipped=%ld foreign=%ld set=%d",
		       &s.enter, &s.exit, &s.skipped, &s.foreign, &s.set);
	if (fd >= 0)
		close(fd);
	return s;
}

static int ctl(const char *cmd)
{
	int fd = open(CTL, O_WRONLY);
	int ok = fd >= 0 && write(fd, cmd, strlen(cmd)) == (ssize_t)strlen(cmd);

	if (fd >= 0)
		close(fd);
	return ok;
}

static long magic_call(void)
{
	return syscall(SYS_getpriority, MAGIC, 0);
}

int main(void)
{
	struct stats before, after;
	long ret;
	pid_t child;
	int status, i;

	ret = magic_call();
	CHECK_ERRNO(ret, EINVAL, "hook: an unhooked task's getpriority reaches the kernel");

	check(ctl("set"), "hook: the test module hooks the calling task");
	before = read_stats();
	check(before.set == 1, "hook: the task carries SYSCALL_WORK_MVX after set");

	ret = magic_call();
	check(ret == RESULT, "hook: enter can skip a hooked call and set its result (got %ld)", ret);

	for (i = 0; i < 100; i++)
		getppid();
	after = read_stats();
	check(after.enter - before.enter >= 101,
	      "hook: enter sees every call of the hooked task (%ld calls seen)",
	      after.enter - before.enter);
	check(after.exit - before.exit >= 101,
	      "hook: exit sees every call of the hooked task, skipped ones too (%ld)",
	      after.exit - before.exit);
	check(after.skipped - before.skipped == 1,
	      "hook: only the magic call was skipped (%ld)", after.skipped - before.skipped);

	child = fork();
	if (child == 0) {
		/* Not hooked: no fork callback was registered. */
		ret = magic_call();
		_exit(ret == -1 && errno == EINVAL ? 0 : 1);
	}
	check(child > 0 && waitpid(child, &status, 0) == child &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "hook: a child of a hooked task is not hooked without a fork callback");

	check(ctl("clear"), "hook: the test module unhooks the calling task");
	before = read_stats();
	ret = magic_call();
	CHECK_ERRNO(ret, EINVAL, "hook: after clear getpriority reaches the kernel again");
	for (i = 0; i < 100; i++)
		getppid();
	after = read_stats();
	check(after.set == 0, "hook: the task no longer carries the bit");
	check(after.enter == before.enter,
	      "hook: enter sees no calls after clear (%ld new)", after.enter - before.enter);
	check(after.foreign == 0,
	      "hook: no other task's call ever reached the hook (%ld seen)", after.foreign);

	return check_failures ? 1 : 0;
}
