// SPDX-License-Identifier: GPL-2.0
/*
 * sessabi - the session ioctls of /dev/mvx spoken raw: every error that
 * mvx.h lists for MVX_IOC_SESSION_START, _STATUS and _CTL, the states
 * and counters of a session, and that none of it changes the target
 * beyond what a session is meant to change.
 *
 * The target is a child of this program that holds, on fd 3, a file
 * open O_WRONLY|O_APPEND and, on fd 4, the same file O_RDONLY. Each
 * SIGUSR1 makes it write one line to fd 3 and then acknowledge on a
 * pipe, so that a test knows the write has completed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <mvx.h>

#include "../lib/check.h"
#include "procfd.h"

#define DEV		"/dev/mvx"
#define UNPRIVILEGED	1000
#define ORIG		"/tmp/sessabi.orig"	/* the main target's file */
#define ORIG2		"/tmp/sessabi.orig2"	/* the short-lived targets' */
#define DEST		"/tmp/sessabi.dest"
#define WFD		3	/* the target's writable descriptor */
#define RFD		4	/* the target's read-only descriptor */
#define LINE		"sessabi target line\n"
#define LINE_LEN	(sizeof(LINE) - 1)

struct target {
	pid_t pid;
	int ack;		/* read end: one byte per completed write */
};

static struct target tgt;
static int dest = -1;

static void target_main(int ack, const char *path, bool exec_on_usr2)
{
	sigset_t set;
	int sig;

	/* Our descriptors, and only ours, from 3 up. */
	if (dup2(ack, 100) != 100)
		_exit(10);
	close_range(3, 99, 0);
	close_range(101, ~0U, 0);
	/* Standard streams that do not move while the tests print. */
	for (int fd = 0; fd < 3; fd++)
		if (dup2(open("/dev/null", O_RDWR), fd) != fd)
			_exit(10);
	close_range(3, 99, 0);
	if (open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644) != WFD ||
	    open(path, O_RDONLY) != RFD || dup2(100, 5) != 5 || close(100))
		_exit(11);
	fcntl(5, F_SETFD, FD_CLOEXEC);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (write(5, "r", 1) != 1)
		_exit(12);
	for (;;) {
		if (sigwait(&set, &sig))
			continue;
		if (sig == SIGUSR2 && exec_on_usr2) {
			sigprocmask(SIG_UNBLOCK, &set, NULL);
			execl("/bin/sleep", "sleep", "60", (char *)NULL);
			_exit(13);
		}
		if (write(WFD, LINE, LINE_LEN) != (ssize_t)LINE_LEN)
			_exit(14);
		if (write(5, "a", 1) != 1)
			_exit(15);
	}
}

/* Waits up to 6 s for one byte on @fd. */
static int wait_byte(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char c;

	return poll(&p, 1, 6000) == 1 && read(fd, &c, 1) == 1 ? 0 : -1;
}

/*
 * Starts a target on @path; with @exec_on_usr2, SIGUSR2 makes it execute
 * sleep(1), which keeps fds 3 and 4.
 */
static struct target start_target(const char *path, bool exec_on_usr2)
{
	struct target t = { -1, -1 };
	int pipefd[2];

	if (pipe2(pipefd, O_CLOEXEC))
		return t;
	fflush(stdout);
	t.pid = fork();
	if (t.pid == 0)
		target_main(pipefd[1], path, exec_on_usr2);
	close(pipefd[1]);
	t.ack = pipefd[0];
	if (t.pid < 0 || wait_byte(t.ack)) {
		check(0, "sessabi: the target process started");
		t.pid = -1;
	}
	return t;
}

static void stop_target(struct target *t)
{
	if (t->pid > 0) {
		kill(t->pid, SIGKILL);
		waitpid(t->pid, NULL, 0);
	}
	if (t->ack >= 0)
		close(t->ack);
	t->pid = -1;
	t->ack = -1;
}

/* Makes the target write one line to fd 3; 0 once it has. */
static int poke(const struct target *t)
{
	if (kill(t->pid, SIGUSR1))
		return -1;
	return wait_byte(t->ack);
}

/* Waits up to 5 s until /proc/PID/comm is @comm; 0 once it is. */
static int wait_comm(pid_t pid, const char *comm)
{
	char path[64], got[32];

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	for (int i = 0; i < 250; i++) {
		FILE *f = fopen(path, "re");

		got[0] = '\0';
		if (f) {
			if (!fgets(got, sizeof(got), f))
				got[0] = '\0';
			fclose(f);
		}
		got[strcspn(got, "\n")] = '\0';
		if (!strcmp(got, comm))
			return 0;
		usleep(20000);
	}
	return -1;
}

static long long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : st.st_size;
}

static int fd_is(pid_t pid, int fd, const char *want)
{
	struct fd_state st;

	return !fd_state_read(pid, fd, &st) && !strcmp(st.link, want);
}

static struct mvx_session_start start_req(pid_t pid, int fd, uint32_t mode,
					  int dest_fd)
{
	struct mvx_session_start req = {
		.size = sizeof(req), .pid = pid, .fd = fd, .mode = mode,
		.dest_fd = dest_fd,
	};
	return req;
}

static long start(int dev, pid_t pid, int fd, uint32_t mode, int dest_fd,
		  uint32_t *id)
{
	struct mvx_session_start req = start_req(pid, fd, mode, dest_fd);
	long ret = ioctl(dev, MVX_IOC_SESSION_START, &req);

	if (id)
		*id = ret ? 0 : req.id;
	return ret;
}

static long status(int dev, uint32_t id, struct mvx_session_status *st)
{
	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	st->id = id;
	return ioctl(dev, MVX_IOC_SESSION_STATUS, st);
}

static long ctl(int dev, uint32_t id, uint32_t op)
{
	struct mvx_session_ctl req = { .size = sizeof(req), .id = id, .op = op };

	return ioctl(dev, MVX_IOC_SESSION_CTL, &req);
}

static int open_dev(void)
{
	return open(DEV, O_RDWR | O_CLOEXEC);
}

/* The target's descriptors, with fd 3's position taken as the file's end. */
static void snap(struct fd_snap *s)
{
	fd_snap_take(tgt.pid, s);
	for (int i = 0; i < s->count && i < SNAP_MAX_FDS; i++)
		if (s->fds[i].fd == WFD)
			s->fds[i].pos = -1;
}

static void check_unchanged(const struct fd_snap *before, const char *what)
{
	struct fd_snap now;
	char why[512];

	fd_snap_take(tgt.pid, &now);
	for (int i = 0; i < now.count && i < SNAP_MAX_FDS; i++)
		if (now.fds[i].fd == WFD) {
			/* O_APPEND: the position is the end of what it wrote. */
			check(now.fds[i].pos == file_size(ORIG),
			      "sessabi: %s: fd 3 is at the end of its file "
			      "(%lld of %lld)", what, now.fds[i].pos,
			      file_size(ORIG));
			now.fds[i].pos = -1;
		}
	check(!fd_snap_diff(before, &now, why, sizeof(why)),
	      "sessabi: %s: the target is as before: %s", what, why);
}

static void check_stats_zero(const char *what)
{
	long sessions, files;
	int zero = kmvx_stats_zero(&sessions, &files);

	check(zero, "sessabi: %s: kmvx accounting is 0 sessions, 0 files "
	      "(%ld, %ld)", what, sessions, files);
}

static void test_directions(void)
{
	check(_IOC_DIR(MVX_IOC_SESSION_START) == (_IOC_READ | _IOC_WRITE) &&
	      _IOC_DIR(MVX_IOC_SESSION_STATUS) == (_IOC_READ | _IOC_WRITE) &&
	      _IOC_DIR(MVX_IOC_SESSION_CTL) == (_IOC_READ | _IOC_WRITE),
	      "sessabi: the session ioctls are declared _IOWR");
	check(_IOC_SIZE(MVX_IOC_SESSION_START) == MVX_SESSION_START_SIZE_VER0 &&
	      _IOC_SIZE(MVX_IOC_SESSION_STATUS) == MVX_SESSION_STATUS_SIZE_VER0 &&
	      _IOC_SIZE(MVX_IOC_SESSION_CTL) == MVX_SESSION_CTL_SIZE_VER0 &&
	      sizeof(struct mvx_session_start) == MVX_SESSION_START_SIZE_VER0 &&
	      sizeof(struct mvx_session_status) == MVX_SESSION_STATUS_SIZE_VER0 &&
	      sizeof(struct mvx_session_ctl) == MVX_SESSION_CTL_SIZE_VER0,
	      "sessabi: session ioctl sizes and structs match their *_SIZE_VER0");
}

static void test_start_einval(int dev)
{
	struct mvx_session_start req;
	struct {
		struct mvx_session_start req;
		uint64_t more;
	} big;
	pid_t zombie;
	long ret;

	ret = start(dev, 0, WFD, MVX_SESSION_DUP, dest, NULL);
	CHECK_ERRNO(ret, EINVAL, "sessabi: START on pid 0");
	ret = start(dev, -1, WFD, MVX_SESSION_DUP, dest, NULL);
	CHECK_ERRNO(ret, EINVAL, "sessabi: START on a negative pid");
	ret = start(dev, tgt.pid, -1, MVX_SESSION_DUP, dest, NULL);
	CHECK_ERRNO(ret, EINVAL, "sessabi: START on fd -1");
	ret = start(dev, 2, 0, MVX_SESSION_DUP, dest, NULL);
	CHECK_ERRNO(ret, EINVAL, "sessabi: START on a kernel thread (kthreadd, pid 2)");
	ret = start(dev, tgt.pid, WFD, 0, dest, NULL);
	CHECK_ERRNO(ret, EINVAL, "sessabi: START with mode 0");
	ret = start(dev, tgt.pid, WFD, 3, dest, NULL);
	CHECK_ERRNO(ret, EINVAL, "sessabi: START with an unknown mode (3)");

	req = start_req(tgt.pid, WFD, MVX_SESSION_DUP, dest);
	req.flags = 1;
	ret = ioctl(dev, MVX_IOC_SESSION_START, &req);
	CHECK_ERRNO(ret, EINVAL, "sessabi: START with unknown flags");
	req = start_req(tgt.pid, WFD, MVX_SESSION_DUP, dest);
	req.__pad = 1;
	ret = ioctl(dev, MVX_IOC_SESSION_START, &req);
	CHECK_ERRNO(ret, EINVAL, "sessabi: START with non-zero padding");
	req = start_req(tgt.pid, WFD, MVX_SESSION_DUP, dest);
	req.size = MVX_SESSION_START_SIZE_VER0 - 4;
	ret = ioctl(dev, MVX_IOC_SESSION_START, &req);
	CHECK_ERRNO(ret, EINVAL, "sessabi: START shorter than VER0");
	req = start_req(tgt.pid, WFD, MVX_SESSION_DUP, dest);
	req.size = MVX_STRUCT_SIZE_MAX + 1;
	ret = ioctl(dev, MVX_IOC_SESSION_START, &req);
	CHECK_ERRNO(ret, EINVAL, "sessabi: START larger than MVX_STRUCT_SIZE_MAX");

	big.req = start_req(tgt.pid, WFD, MVX_SESSION_DUP, dest);
	big.req.size = sizeof(big);
	big.more = 1;
	ret = ioctl(dev, MVX_IOC_SESSION_START, &big);
	CHECK_ERRNO(ret, E2BIG, "sessabi: START with unknown non-zero fields");

	ret = ioctl(dev, MVX_IOC_SESSION_START, NULL);
	CHECK_ERRNO(ret, EFAULT, "sessabi: START with a NULL request");

	zombie = fork();
	if (zombie == 0)
		_exit(0);
	usleep(200000);
	ret = start(dev, zombie, 1, MVX_SESSION_DUP, dest, NULL);
	CHECK_ERRNO(ret, EINVAL, "sessabi: START on an exited, unreaped process");
	waitpid(zombie, NULL, 0);
	ret = start(dev, zombie, 1, MVX_SESSION_DUP, dest, NULL);
	CHECK_ERRNO(ret, ESRCH, "sessabi: START on a reaped process");
	ret = start(dev, 4000000, 1, MVX_SESSION_DUP, dest, NULL);
	CHECK_ERRNO(ret, ESRCH, "sessabi: START on a pid that does not exist");
}

static void test_start_ebadf(int dev)
{
	int ro = open(DEST, O_RDONLY | O_CLOEXEC);
	long ret;

	ret = start(dev, tgt.pid, 99, MVX_SESSION_DUP, dest, NULL);
	CHECK_ERRNO(ret, EBADF, "sessabi: START on a descriptor the target has not open");
	ret = start(dev, tgt.pid, RFD, MVX_SESSION_DUP, dest, NULL);
	CHECK_ERRNO(ret, EBADF, "sessabi: START (dup) on a read-only descriptor");
	ret = start(dev, tgt.pid, RFD, MVX_SESSION_REMAP, dest, NULL);
	CHECK_ERRNO(ret, EBADF, "sessabi: START (remap) on a read-only descriptor");
	ret = start(dev, tgt.pid, WFD, MVX_SESSION_DUP, 999, NULL);
	CHECK_ERRNO(ret, EBADF, "sessabi: START with a dest_fd the caller has not open");
	ret = start(dev, tgt.pid, WFD, MVX_SESSION_REMAP, ro, NULL);
	CHECK_ERRNO(ret, EBADF, "sessabi: START with a read-only dest_fd");
	close(ro);
}

static void test_start_efault_changes_nothing(int dev)
{
	struct mvx_session_start *ro;
	long ret;

	/* Readable, not writable: the id cannot go out. */
	ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	*ro = start_req(tgt.pid, WFD, MVX_SESSION_REMAP, dest);
	mprotect(ro, 4096, PROT_READ);
	ret = ioctl(dev, MVX_IOC_SESSION_START, ro);
	CHECK_ERRNO(ret, EFAULT, "sessabi: START whose result cannot be written back");
	munmap(ro, 4096);
	check(fd_is(tgt.pid, WFD, ORIG),
	      "sessabi: a START that failed with EFAULT did not remap fd 3");
	check_stats_zero("after START failed with EFAULT");
}

static void test_start_ebusy(int dev)
{
	int dev2 = open_dev();
	uint32_t id, id2;
	long ret;

	ret = start(dev, tgt.pid, WFD, MVX_SESSION_DUP, dest, &id);
	check(ret == 0 && id != 0, "sessabi: START (dup) succeeds, id %u", id);
	ret = start(dev, tgt.pid, WFD, MVX_SESSION_DUP, dest, NULL);
	CHECK_ERRNO(ret, EBUSY, "sessabi: a second START on the same fd");
	ret = start(dev, tgt.pid, WFD, MVX_SESSION_REMAP, dest, NULL);
	CHECK_ERRNO(ret, EBUSY, "sessabi: a remap START on a fd that is duplicated");
	ret = start(dev2, tgt.pid, WFD, MVX_SESSION_DUP, dest, NULL);
	CHECK_ERRNO(ret, EBUSY, "sessabi: START on the same fd from another open file");
	ret = ctl(dev, id, MVX_SESSION_END);
	check(ret == 0, "sessabi: END of the first session");
	ret = start(dev2, tgt.pid, WFD, MVX_SESSION_REMAP, dest, &id2);
	check(ret == 0, "sessabi: once it ended, another open file may start one (%s)",
	      ret ? strerrorname_np(errno) : "ok");
	ret = start(dev, tgt.pid, WFD, MVX_SESSION_DUP, dest, NULL);
	CHECK_ERRNO(ret, EBUSY, "sessabi: START on a fd that another open file remaps");
	close(dev2);
	check(fd_is(tgt.pid, WFD, ORIG),
	      "sessabi: closing the other open file restored fd 3");
}

static void test_status_ctl_errors(int dev)
{
	struct mvx_session_status st;
	struct mvx_session_ctl c;
	struct {
		struct mvx_session_status st;
		uint64_t more;
	} bigst;
	struct {
		struct mvx_session_ctl c;
		uint64_t more;
	} bigc;
	int dev2 = open_dev();
	uint32_t id;
	long ret;

	ret = status(dev, 0, &st);
	CHECK_ERRNO(ret, ENOENT, "sessabi: STATUS of id 0");
	ret = status(dev, 12345, &st);
	CHECK_ERRNO(ret, ENOENT, "sessabi: STATUS of an unknown id");
	ret = ctl(dev, 12345, MVX_SESSION_PAUSE);
	CHECK_ERRNO(ret, ENOENT, "sessabi: CTL of an unknown id");
	ret = ctl(dev, 12345, MVX_SESSION_END);
	CHECK_ERRNO(ret, ENOENT, "sessabi: END of an unknown id");

	ret = start(dev, tgt.pid, WFD, MVX_SESSION_DUP, dest, &id);
	check(ret == 0, "sessabi: START (dup) for the STATUS and CTL checks");
	ret = status(dev2, id, &st);
	CHECK_ERRNO(ret, ENOENT, "sessabi: STATUS of a session of another open file");
	ret = ctl(dev2, id, MVX_SESSION_END);
	CHECK_ERRNO(ret, ENOENT, "sessabi: END of a session of another open file");

	memset(&st, 0, sizeof(st));
	st.size = sizeof(st);
	st.id = id;
	st.__pad = 1;
	ret = ioctl(dev, MVX_IOC_SESSION_STATUS, &st);
	CHECK_ERRNO(ret, EINVAL, "sessabi: STATUS with non-zero padding");
	st.__pad = 0;
	st.size = MVX_SESSION_STATUS_SIZE_VER0 - 8;
	ret = ioctl(dev, MVX_IOC_SESSION_STATUS, &st);
	CHECK_ERRNO(ret, EINVAL, "sessabi: STATUS shorter than VER0");
	memset(&bigst, 0, sizeof(bigst));
	bigst.st.size = sizeof(bigst);
	bigst.st.id = id;
	bigst.more = 1;
	ret = ioctl(dev, MVX_IOC_SESSION_STATUS, &bigst);
	CHECK_ERRNO(ret, E2BIG, "sessabi: STATUS with unknown non-zero fields");
	ret = ioctl(dev, MVX_IOC_SESSION_STATUS, NULL);
	CHECK_ERRNO(ret, EFAULT, "sessabi: STATUS with a NULL request");

	ret = ctl(dev, id, 0);
	CHECK_ERRNO(ret, EINVAL, "sessabi: CTL with op 0");
	ret = ctl(dev, id, MVX_SESSION_END + 1);
	CHECK_ERRNO(ret, EINVAL, "sessabi: CTL with an unknown op");
	c = (struct mvx_session_ctl){ .size = sizeof(c), .id = id,
				      .op = MVX_SESSION_PAUSE, .__pad = 1 };
	ret = ioctl(dev, MVX_IOC_SESSION_CTL, &c);
	CHECK_ERRNO(ret, EINVAL, "sessabi: CTL with non-zero padding");
	c.__pad = 0;
	c.size = MVX_SESSION_CTL_SIZE_VER0 - 4;
	ret = ioctl(dev, MVX_IOC_SESSION_CTL, &c);
	CHECK_ERRNO(ret, EINVAL, "sessabi: CTL shorter than VER0");
	memset(&bigc, 0, sizeof(bigc));
	bigc.c = (struct mvx_session_ctl){ .size = sizeof(bigc), .id = id,
					   .op = MVX_SESSION_PAUSE };
	bigc.more = 1;
	ret = ioctl(dev, MVX_IOC_SESSION_CTL, &bigc);
	CHECK_ERRNO(ret, E2BIG, "sessabi: CTL with unknown non-zero fields");
	ret = ioctl(dev, MVX_IOC_SESSION_CTL, NULL);
	CHECK_ERRNO(ret, EFAULT, "sessabi: CTL with a NULL request");

	ret = status(dev, id, &st);
	check(ret == 0 && st.state == MVX_SESSION_ACTIVE,
	      "sessabi: the bad requests left the session active (state %u)",
	      st.state);
	ret = ctl(dev, id, MVX_SESSION_END);
	check(ret == 0, "sessabi: END");
	ret = status(dev, id, &st);
	CHECK_ERRNO(ret, ENOENT, "sessabi: STATUS of a session that was ended");
	ret = ctl(dev, id, MVX_SESSION_END);
	CHECK_ERRNO(ret, ENOENT, "sessabi: END of a session that was ended");
	close(dev2);
}

static void test_dup_states(int dev)
{
	struct mvx_session_status st;
	long long d0 = file_size(DEST), o0 = file_size(ORIG);
	uint32_t id;
	long ret;

	ret = start(dev, tgt.pid, WFD, MVX_SESSION_DUP, dest, &id);
	check(ret == 0 && id, "sessabi: START (dup)");
	check(fd_is(tgt.pid, WFD, ORIG), "sessabi: a duplicate leaves fd 3 on its file");
	check(!poke(&tgt), "sessabi: the target writes during the duplicate");
	ret = status(dev, id, &st);
	check(ret == 0 && st.state == MVX_SESSION_ACTIVE &&
	      st.end_reason == MVX_END_NONE && st.pid == tgt.pid &&
	      st.fd == WFD && st.mode == MVX_SESSION_DUP && st.writes == 1 &&
	      st.bytes == LINE_LEN && st.errors == 0 && st.skipped == 0 &&
	      st.attached_ns > 0,
	      "sessabi: STATUS of a duplicate: active, 1 write of %zu bytes "
	      "(state %u, reason %u, pid %d, fd %d, mode %u, %llu writes, "
	      "%llu bytes, %llu errors, %llu skipped)", LINE_LEN, st.state,
	      st.end_reason, st.pid, st.fd, st.mode,
	      (unsigned long long)st.writes, (unsigned long long)st.bytes,
	      (unsigned long long)st.errors, (unsigned long long)st.skipped);
	check(file_size(DEST) == d0 + (long long)LINE_LEN &&
	      file_size(ORIG) == o0 + (long long)LINE_LEN,
	      "sessabi: the line went to both files");

	check(ctl(dev, id, MVX_SESSION_PAUSE) == 0 &&
	      status(dev, id, &st) == 0 && st.state == MVX_SESSION_PAUSED,
	      "sessabi: PAUSE: the duplicate is paused (state %u)", st.state);
	check(ctl(dev, id, MVX_SESSION_PAUSE) == 0,
	      "sessabi: PAUSE of a paused session does nothing");
	poke(&tgt);
	check(file_size(DEST) == d0 + (long long)LINE_LEN &&
	      status(dev, id, &st) == 0 && st.writes == 1,
	      "sessabi: a paused duplicate copies nothing");
	check(ctl(dev, id, MVX_SESSION_RESUME) == 0 &&
	      status(dev, id, &st) == 0 && st.state == MVX_SESSION_ACTIVE,
	      "sessabi: RESUME: active again (state %u)", st.state);
	check(ctl(dev, id, MVX_SESSION_RESUME) == 0,
	      "sessabi: RESUME of an active session does nothing");
	poke(&tgt);
	check(file_size(DEST) == d0 + 2 * (long long)LINE_LEN &&
	      status(dev, id, &st) == 0 && st.writes == 2,
	      "sessabi: a resumed duplicate copies again");
	check(ctl(dev, id, MVX_SESSION_END) == 0, "sessabi: END of the duplicate");
	poke(&tgt);
	check(file_size(DEST) == d0 + 2 * (long long)LINE_LEN,
	      "sessabi: an ended duplicate copies nothing");
}

static void test_remap_states(int dev)
{
	struct mvx_session_status st;
	long long d0 = file_size(DEST), o0 = file_size(ORIG);
	uint32_t id;
	long ret;

	ret = start(dev, tgt.pid, WFD, MVX_SESSION_REMAP, dest, &id);
	check(ret == 0 && id, "sessabi: START (remap)");
	check(fd_is(tgt.pid, WFD, DEST), "sessabi: a remap puts the destination on fd 3");
	poke(&tgt);
	ret = status(dev, id, &st);
	check(ret == 0 && st.state == MVX_SESSION_ACTIVE &&
	      st.mode == MVX_SESSION_REMAP && st.writes == 1 &&
	      st.bytes == LINE_LEN,
	      "sessabi: STATUS of a remap: active, 1 write of %zu bytes "
	      "(state %u, mode %u, %llu writes, %llu bytes)", LINE_LEN,
	      st.state, st.mode, (unsigned long long)st.writes,
	      (unsigned long long)st.bytes);
	check(file_size(DEST) == d0 + (long long)LINE_LEN && file_size(ORIG) == o0,
	      "sessabi: the line went to the destination only");

	check(ctl(dev, id, MVX_SESSION_PAUSE) == 0 && fd_is(tgt.pid, WFD, ORIG),
	      "sessabi: a paused remap has the original file back on fd 3");
	poke(&tgt);
	check(file_size(ORIG) == o0 + (long long)LINE_LEN &&
	      file_size(DEST) == d0 + (long long)LINE_LEN,
	      "sessabi: while paused, the line went to the original file");
	check(ctl(dev, id, MVX_SESSION_RESUME) == 0 && fd_is(tgt.pid, WFD, DEST),
	      "sessabi: a resumed remap has the destination on fd 3 again");
	check(ctl(dev, id, MVX_SESSION_END) == 0 && fd_is(tgt.pid, WFD, ORIG),
	      "sessabi: END puts the original file back");
}

/* Sessions whose process exits or executes: ended, and only END works. */
static void test_ended_by_target(int dev, bool exec, uint32_t mode)
{
	struct target t = start_target(ORIG2, exec);
	const char *how = exec ? "executed a new program" : "exited";
	const char *m = mode == MVX_SESSION_DUP ? "dup" : "remap";
	struct mvx_session_status st;
	uint32_t id, reason = exec ? MVX_END_EXECED : MVX_END_EXITED;
	char name[128];
	long ret;

	if (t.pid < 0)
		return;
	ret = start(dev, t.pid, WFD, mode, dest, &id);
	check(ret == 0, "sessabi: START (%s) on a process that will have %s", m, how);
	if (exec) {
		kill(t.pid, SIGUSR2);
		check(!wait_comm(t.pid, "sleep"),
		      "sessabi: (%s) the process executed sleep", m);
	} else {
		kill(t.pid, SIGKILL);
		waitpid(t.pid, NULL, 0);
	}
	ret = status(dev, id, &st);
	check(ret == 0 && st.state == MVX_SESSION_ENDED && st.end_reason == reason,
	      "sessabi: STATUS (%s) after the process %s: ended, reason %u "
	      "(state %u, reason %u)", m, how, reason, st.state, st.end_reason);
	snprintf(name, sizeof(name), "sessabi: PAUSE of a %s session ended by %s",
		 m, exec ? "execve" : "exit");
	ret = ctl(dev, id, MVX_SESSION_PAUSE);
	CHECK_ERRNO(ret, ESRCH, name);
	snprintf(name, sizeof(name), "sessabi: RESUME of a %s session ended by %s",
		 m, exec ? "execve" : "exit");
	ret = ctl(dev, id, MVX_SESSION_RESUME);
	CHECK_ERRNO(ret, ESRCH, name);
	if (exec)
		check(fd_is(t.pid, WFD, ORIG2),
		      "sessabi: (%s) the new program has the original file on fd 3",
		      m);
	check(ctl(dev, id, MVX_SESSION_END) == 0,
	      "sessabi: END of a session its process ended (%s)", m);
	if (exec)
		stop_target(&t);
	else
		close(t.ack);
}

static void test_stopped_target(int dev)
{
	struct timespec t0, t1;
	uint32_t id;
	char path[64], state = 0;
	FILE *f;
	long ret;

	kill(tgt.pid, SIGSTOP);
	snprintf(path, sizeof(path), "/proc/%d/stat", tgt.pid);
	for (int i = 0; i < 100 && state != 'T'; i++) {
		f = fopen(path, "re");
		if (f) {
			if (fscanf(f, "%*d (%*[^)]) %c", &state) != 1)
				state = 0;
			fclose(f);
		}
		if (state != 'T')
			usleep(10000);
	}
	check(state == 'T', "sessabi: the target is stopped");

	ret = start(dev, tgt.pid, WFD, MVX_SESSION_DUP, dest, &id);
	check(ret == 0, "sessabi: START (dup) on a stopped process does not wait");
	if (!ret)
		ctl(dev, id, MVX_SESSION_END);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ret = start(dev, tgt.pid, WFD, MVX_SESSION_REMAP, dest, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK_ERRNO(ret, ETIMEDOUT, "sessabi: START (remap) on a stopped process");
	printf("sessabi: the remap START gave up after %ld ms\n",
	       (long)((t1.tv_sec - t0.tv_sec) * 1000 +
		      (t1.tv_nsec - t0.tv_nsec) / 1000000));
	check(fd_is(tgt.pid, WFD, ORIG),
	      "sessabi: the timed-out remap did not change fd 3");
	kill(tgt.pid, SIGCONT);
	usleep(100000);
	check(fd_is(tgt.pid, WFD, ORIG) && !poke(&tgt),
	      "sessabi: once continued, the target still has fd 3 and writes");
}

/* Runs @fn as an unprivileged user in a child; its errno, 0, or 100+. */
static int as_user(int (*fn)(void))
{
	pid_t child;
	int st;

	fflush(stdout);
	child = fork();
	if (child == 0) {
		if (setresgid(UNPRIVILEGED, UNPRIVILEGED, UNPRIVILEGED) ||
		    setresuid(UNPRIVILEGED, UNPRIVILEGED, UNPRIVILEGED))
			_exit(100);
		_exit(fn());
	}
	if (waitpid(child, &st, 0) != child || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static int user_start_on_root(void)
{
	int dev = open_dev(), out = open("/dev/null", O_WRONLY | O_CLOEXEC);

	if (dev < 0 || out < 0)
		return 101;
	return start(dev, tgt.pid, WFD, MVX_SESSION_DUP, out, NULL) ? errno : 0;
}

static int user_start_on_self(void)
{
	int dev = open_dev(), out = open("/dev/null", O_WRONLY | O_CLOEXEC);
	uint32_t id;

	if (dev < 0 || out < 0)
		return 101;
	if (start(dev, getpid(), out, MVX_SESSION_DUP, out, &id))
		return errno;
	return ctl(dev, id, MVX_SESSION_END) ? errno : 0;
}

static void test_unprivileged(void)
{
	int ret;

	chmod(DEV, 0666);
	ret = as_user(user_start_on_root);
	check(ret == EPERM, "sessabi: a non-root caller is refused a session on a "
	      "root process (%s)", strerrorname_np(ret) ?: "success");
	ret = as_user(user_start_on_self);
	check(ret == 0, "sessabi: a non-root caller may duplicate its own "
	      "descriptor (%s)", strerrorname_np(ret) ?: "success");
	chmod(DEV, 0600);
}

int main(void)
{
	struct fd_snap before;
	int dev;

	setvbuf(stdout, NULL, _IOLBF, 0);
	test_directions();
	dev = open_dev();
	dest = open(DEST, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
	check(dev >= 0 && dest >= 0, "sessabi: open " DEV " and the destination");
	tgt = start_target(ORIG, false);
	if (dev < 0 || dest < 0 || tgt.pid < 0)
		return 1;
	check_stats_zero("at start");

	/* Requests that fail: nothing of the target may change. */
	snap(&before);
	test_start_einval(dev);
	test_start_ebadf(dev);
	test_start_efault_changes_nothing(dev);
	test_unprivileged();
	check_unchanged(&before, "after the refused requests");
	check_stats_zero("after the refused requests");

	test_start_ebusy(dev);
	test_status_ctl_errors(dev);
	check_unchanged(&before, "after EBUSY, ENOENT and bad STATUS/CTL");

	test_dup_states(dev);
	check_unchanged(&before, "after a duplicate with pause and resume");
	test_remap_states(dev);
	check_unchanged(&before, "after a remap with pause and resume");

	test_ended_by_target(dev, false, MVX_SESSION_DUP);
	test_ended_by_target(dev, false, MVX_SESSION_REMAP);
	test_ended_by_target(dev, true, MVX_SESSION_DUP);
	test_ended_by_target(dev, true, MVX_SESSION_REMAP);

	test_stopped_target(dev);
	close(dev);
	check_unchanged(&before, "after the stopped target's timeout");
	check_stats_zero("at the end");

	stop_target(&tgt);
	close(dest);
	return check_failures ? 1 : 0;
}
