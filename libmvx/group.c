// SPDX-License-Identifier: GPL-2.0
/*
 * group.c - how a variant's monitor describes each call to the kernel
 *
 * In a group of variants (doc/MVX.md) the kernel compares every call of
 * every variant with the leader's, and runs it in the leader alone or in
 * every variant; it reads the arguments itself, from the variant's
 * memory, as the monitor's description says each one is. The
 * description comes from the row of common/syscalls.tbl, and for the
 * arguments whose meaning depends on the others (ioctl's, fcntl's),
 * from the few requests decoded here. A call the monitor cannot
 * describe faithfully stops the group: fail closed, never unchecked.
 */
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/sched.h>
#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <asm/unistd.h>
#include <syscalls.h>

#include "group.h"
#include "sys.h"

/* What a call's row and arguments make of its description. */
struct mvx_desc {
	struct mvx_group_call g;
	int unsupported;
};

static void mvx_part(struct mvx_desc *d, __u32 kind, __u32 flags,
		     __u64 value, __u64 addr, __u64 len)
{
	struct mvx_group_part *p;

	if (d->g.nr_parts >= MVX_GROUP_PARTS_MAX) {
		d->unsupported = 1;
		return;
	}
	p = &d->g.parts[d->g.nr_parts++];
	p->kind = kind;
	p->flags = flags;
	p->value = value;
	p->addr = addr;
	p->len = len;
}

/* @n units of @size bytes; past 64 bits, more than the kernel takes. */
static __u64 mvx_bytes(__u64 n, __u64 size)
{
	__u64 r;

	if (__builtin_mul_overflow(n, size ? size : 1, &r))
		return ~0ULL;
	return r;
}

/* One argument as its row says; @a: the call's arguments. */
static void mvx_arg(struct mvx_desc *d, const struct mvx_syscall_arg *arg,
		    __u64 v, const __u64 *a)
{
	__u64 n = arg->count >= 0 ? a[(int)arg->count] : 1;
	__u64 len = mvx_bytes(n, arg->size);

	switch (arg->kind) {
	case MVX_KIND_INT:
	case MVX_KIND_UINT:
	case MVX_KIND_FLAGS:
	case MVX_KIND_MODE:
	case MVX_KIND_FD:
	case MVX_KIND_DIRFD:
	case MVX_KIND_PID:
	case MVX_KIND_SIG:
		mvx_part(d, MVX_PART_VALUE, 0, v, 0, 0);
		break;
	case MVX_KIND_ADDR:
		break;		/* each variant's own layout */
	case MVX_KIND_STR:
		mvx_part(d, MVX_PART_STR, 0, 0, v, 0);
		break;
	case MVX_KIND_STRV:
		mvx_part(d, MVX_PART_STRV, 0, 0, v, MVX_GROUP_STRV_MAX);
		break;
	case MVX_KIND_IN:
	case MVX_KIND_SA:
		mvx_part(d, MVX_PART_IN, 0, 0, v, len);
		break;
	case MVX_KIND_OUT:
		mvx_part(d, MVX_PART_OUT, 0, 0, v, len);
		break;
	case MVX_KIND_OUTR:
		mvx_part(d, MVX_PART_OUT, MVX_PART_BY_RESULT, arg->size, v,
			 len);
		break;
	case MVX_KIND_IO:
		mvx_part(d, MVX_PART_IO, 0, 0, v, len);
		break;
	case MVX_KIND_IOV:
		mvx_part(d, MVX_PART_IOV, 0, 0, v, n);
		break;
	case MVX_KIND_IOVR:
		mvx_part(d, MVX_PART_IOV_OUT, 0, 0, v, n);
		break;
	case MVX_KIND_SAOUT:
		mvx_part(d, MVX_PART_SA_OUT, 0, a[(int)arg->count], v, 0);
		break;
	case MVX_KIND_FDSET:
		mvx_part(d, MVX_PART_IO, 0, 0, v, v ? (n + 63) / 64 * 8 : 0);
		break;
	case MVX_KIND_MSG:
		mvx_part(d, MVX_PART_MSG, 0, 0, v, 0);
		break;
	case MVX_KIND_MSGR:
		/* Descriptors passed with SCM_RIGHTS are the leader's. */
		mvx_part(d, MVX_PART_MSG_OUT, MVX_PART_FDS, 0, v, 0);
		break;
	default:	/* opaque, mmsghdr: not yet */
		d->unsupported = 1;
		break;
	}
}

/* ioctl's requests that are described; the others stop the group. */
static int mvx_ioctl(struct mvx_desc *d, const __u64 *a)
{
	mvx_part(d, MVX_PART_VALUE, 0, a[0], 0, 0);
	mvx_part(d, MVX_PART_VALUE, 0, a[1], 0, 0);
	switch ((unsigned int)a[1]) {
	case TCGETS:
		mvx_part(d, MVX_PART_OUT, 0, 0, a[2], sizeof(struct termios));
		return 0;
	case TIOCGWINSZ:
		mvx_part(d, MVX_PART_OUT, 0, 0, a[2], 8);
		return 0;
	case FIONREAD:
		mvx_part(d, MVX_PART_OUT, 0, 0, a[2], sizeof(int));
		return 0;
	default:
		return -1;
	}
}

/*
 * fcntl's descriptor-table requests run in every variant, so that the
 * tables stay the same; the open file's run in the leader.
 */
static int mvx_fcntl(struct mvx_desc *d, const __u64 *a)
{
	mvx_part(d, MVX_PART_VALUE, 0, a[0], 0, 0);
	mvx_part(d, MVX_PART_VALUE, 0, a[1], 0, 0);
	switch ((unsigned int)a[1]) {
	/* The getters take no third argument: what is there is garbage. */
	case F_GETFD:
		d->g.mode = MVX_RUN_ALL;
		return 0;
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
	case F_SETFD:
		d->g.mode = MVX_RUN_ALL;
		mvx_part(d, MVX_PART_VALUE, 0, a[2], 0, 0);
		return 0;
	case F_GETFL:
	case F_GETPIPE_SZ:
		return 0;
	case F_SETPIPE_SZ:
		mvx_part(d, MVX_PART_VALUE, 0, a[2], 0, 0);
		return 0;
	case F_SETFL:
		mvx_part(d, MVX_PART_VALUE, 0, a[2], 0, 0);
		return 0;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		mvx_part(d, MVX_PART_IO, 0, 0, a[2], sizeof(struct flock));
		return 0;
	default:
		return -1;
	}
}

/*
 * Handlers, restorers and alternate stacks are addresses, each in its
 * variant's own layout: what is compared is the rest.
 */
static void mvx_sigaction(struct mvx_desc *d, const __u64 *a)
{
	mvx_part(d, MVX_PART_VALUE, 0, a[0], 0, 0);
	/* sa_flags and sa_mask of the kernel's struct sigaction */
	mvx_part(d, MVX_PART_IN, 0, 0, a[1] ? a[1] + 8 : 0, a[1] ? 8 : 0);
	mvx_part(d, MVX_PART_IN, 0, 0, a[1] ? a[1] + 24 : 0,
		 a[1] ? a[3] : 0);
	mvx_part(d, MVX_PART_VALUE, 0, !!a[2], 0, 0);
	mvx_part(d, MVX_PART_VALUE, 0, a[3], 0, 0);
}

static void mvx_sigaltstack(struct mvx_desc *d, const __u64 *a)
{
	/* ss_flags and ss_size of stack_t */
	mvx_part(d, MVX_PART_IN, 0, 0, a[0] ? a[0] + 8 : 0, a[0] ? 16 : 0);
	mvx_part(d, MVX_PART_VALUE, 0, !!a[1], 0, 0);
}

/*
 * The calls on process ids that every variant runs on its own
 * processes, the ids translated by the kernel: ids of processes, not of
 * process groups or "any". Return: nonzero if unsupported.
 */
static int mvx_pids(struct mvx_desc *d, const struct mvx_call *c)
{
	long pid = (long)c->args[0];

	switch (c->nr) {
	case __NR_wait4:
		if (pid > 0 || pid == -1)
			return 0;
		break;
	case __NR_kill:
	case __NR_tkill:
		if (pid > 0)
			return 0;
		break;
	case __NR_tgkill:
		if (pid > 0 && (long)c->args[1] > 0)
			return 0;
		break;
	default:
		break;
	}
	d->unsupported = 1;
	return 1;
}

/* Opened for reading only: each variant opens its own (to map it). */
static int mvx_reads_only(__u64 flags)
{
	return (flags & O_ACCMODE) == O_RDONLY &&
	       !(flags & (O_CREAT | O_TRUNC | __O_TMPFILE));
}

static void mvx_describe(struct mvx_desc *d, const struct mvx_call *c)
{
	const struct mvx_syscall *s = mvx_syscall(c->nr);
	const __u64 *a = c->args;
	int i;

	d->g.size = sizeof(d->g);
	d->g.nr = c->nr;
	if (!s) {
		d->unsupported = 1;
		return;
	}
	switch (s->cls) {
	case MVX_CLASS_LEADER:
		d->g.mode = MVX_RUN_LEADER;
		break;
	case MVX_CLASS_ALL:
	case MVX_CLASS_LOCK:
		d->g.mode = MVX_RUN_ALL;
		break;
	case MVX_CLASS_VIRT:
		/* Every variant sees the leader's ids. */
		if (c->nr == __NR_getpid || c->nr == __NR_getppid ||
		    c->nr == __NR_gettid) {
			d->g.mode = MVX_RUN_LEADER;
			break;
		}
		d->g.mode = MVX_RUN_ALL;
		if (mvx_pids(d, c))
			return;
		break;
	default:
		d->unsupported = 1;
		return;
	}

	switch (c->nr) {
	case __NR_wait4:
	case __NR_kill:
	case __NR_tkill:
	case __NR_tgkill:
		for (i = 0; i < s->nargs; i++) {
			if (s->arg[i].kind == MVX_KIND_PID)
				mvx_part(d, MVX_PART_VALUE, MVX_PART_PID, a[i],
					 0, i);
			else
				mvx_arg(d, &s->arg[i], a[i], a);
		}
		if (s->ret == MVX_RET_PID)
			d->g.flags |= MVX_CALL_RET_PID;
		if (c->nr == __NR_wait4)
			d->g.flags |= MVX_CALL_WAIT;
		break;
	case __NR_ioctl:
		d->unsupported = mvx_ioctl(d, a) != 0;
		break;
	case __NR_fcntl:
		d->unsupported = mvx_fcntl(d, a) != 0;
		break;
	case __NR_rt_sigaction:
		mvx_sigaction(d, a);
		break;
	case __NR_sigaltstack:
		mvx_sigaltstack(d, a);
		break;
	case __NR_pselect6:
		for (i = 0; i < 5; i++)
			mvx_arg(d, &s->arg[i], a[i], a);
		/*
		 * { const sigset_t *ss; size_t ss_len }: the set is the
		 * leader's to wait with; its length is compared.
		 */
		mvx_part(d, MVX_PART_IN, 0, 0, a[5] ? a[5] + 8 : 0,
			 a[5] ? 8 : 0);
		break;
	case __NR_getsockopt:
		for (i = 0; i < 3; i++)
			mvx_arg(d, &s->arg[i], a[i], a);
		/* The option's value and its length, as for an address. */
		mvx_part(d, MVX_PART_SA_OUT, 0, a[4], a[3], 0);
		break;
	case __NR_munmap:
		/*
		 * Its length is no more the program's than its address:
		 * glibc trims a thread's new arena to an alignment that the
		 * variant's own layout decides.
		 */
		break;
	case __NR_clone3:
		/* Refused (handler.c): only its size is compared. */
		mvx_part(d, MVX_PART_VALUE, 0, a[1], 0, 0);
		break;
	default:
		for (i = 0; i < s->nargs; i++)
			mvx_arg(d, &s->arg[i], a[i], a);
		break;
	}

	/*
	 * An epoll_event's data is the variant's own (a pointer, often):
	 * the kernel keeps it aside and gives each variant its own back.
	 */
	if (c->nr == __NR_epoll_ctl && d->g.nr_parts == 4 &&
	    d->g.parts[3].kind == MVX_PART_IN) {
		d->g.parts[3].flags |= MVX_PART_EPOLL;
		d->g.parts[3].value = (int)a[2];
	}
	if ((c->nr == __NR_epoll_wait || c->nr == __NR_epoll_pwait ||
	     c->nr == __NR_epoll_pwait2) && d->g.nr_parts > 1 &&
	    d->g.parts[1].kind == MVX_PART_OUT)
		d->g.parts[1].flags |= MVX_PART_EPOLL;
	/* A pollfd's revents is an output, what the last poll() left. */
	if ((c->nr == __NR_poll || c->nr == __NR_ppoll) && d->g.nr_parts &&
	    d->g.parts[0].kind == MVX_PART_IO)
		d->g.parts[0].flags |= MVX_PART_POLLFD;
	if ((c->nr == __NR_open && mvx_reads_only(a[1])) ||
	    (c->nr == __NR_openat && mvx_reads_only(a[2])))
		d->g.mode = MVX_RUN_ALL;
	if (s->ret == MVX_RET_FD)
		d->g.flags |= MVX_CALL_RET_FD;
	if (c->nr == __NR_pipe || c->nr == __NR_pipe2 ||
	    c->nr == __NR_socketpair) {
		for (i = 0; i < (int)d->g.nr_parts; i++)
			if (d->g.parts[i].kind == MVX_PART_OUT)
				d->g.parts[i].flags |= MVX_PART_FDS;
	}
}

/**
 * mvx_group_call - describe the excursion's call to the kernel
 * @c: the call
 *
 * Return: 0, or -1 if the kernel refused the description (the group
 * cannot go on: the caller kills the process).
 */
int mvx_group_call(const struct mvx_call *c)
{
	struct mvx_desc d = { 0 };
	struct mvx_group_call stop = { 0 };

	mvx_describe(&d, c);
	/* A description the kernel refuses (too many iovecs) is unsupported. */
	if (!d.unsupported &&
	    !mvx_sys3(MVX_NR_mvx, MVX_CALL_GROUP, (long)&d.g, 0))
		return 0;
	stop.size = sizeof(stop);
	stop.mode = MVX_RUN_STOP;
	stop.nr = c->nr;
	stop.reason = MVX_STOP_UNSUPPORTED;
	return mvx_sys3(MVX_NR_mvx, MVX_CALL_GROUP, (long)&stop, 0) ? -1 : 0;
}
