// SPDX-License-Identifier: GPL-2.0
/*
 * Where a program's system call will read or write in its own memory:
 * the buffers, structures and strings its arguments point at.
 *
 * A call of the program that is to touch the monitor's memory is refused
 * before it starts (guard.c). The monitor's pages have no page table
 * entries outside excursions, so such a call would mostly fail with
 * EFAULT anyway; but while another thread's excursion is open they are
 * present for the whole address space, and a call that runs or wakes up
 * meanwhile (park.c parks only threads in user space) would read or
 * write them. What is checked here: each address a call takes as an
 * argument, with the length the call will use, and one level down for
 * the calls that take arrays of buffers (iovecs, msghdrs) or a structure
 * of addresses (clone3). Strings are checked at their first byte, and
 * addresses further down (the argument vectors of execve, the iocbs of
 * io_submit) not at all: doc/MONITOR.md names them.
 */

#include <linux/fcntl.h>
#include <linux/ioctl.h>
#include <linux/overflow.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sem.h>
#include <linux/signal.h>
#include <linux/socket.h>
#include <linux/statfs.h>
#include <linux/sysinfo.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <uapi/linux/sched.h>
#include <asm/unistd.h>

#include "monitor.h"
#include "reach.h"

/* Bytes of the kernel's structures the calls copy whole (x86_64). */
#define KMVX_SOCKADDR_BYTES	128	/* struct sockaddr_storage */
#define KMVX_STAT_BYTES		144	/* struct stat */
#define KMVX_STATX_BYTES	256	/* struct statx */
#define KMVX_RUSAGE_BYTES	144	/* struct rusage */
#define KMVX_SIGINFO_BYTES	128	/* siginfo_t */
#define KMVX_EPOLL_EVENT_BYTES	12	/* struct epoll_event, packed */
#define KMVX_IO_EVENT_BYTES	32	/* struct io_event */
#define KMVX_TIMESPEC_BYTES	16	/* struct __kernel_timespec */
#define KMVX_ITIMERSPEC_BYTES	32	/* struct __kernel_itimerspec */
#define KMVX_SIGACTION_BYTES	32	/* struct sigaction of the kernel */
#define KMVX_FLOCK_BYTES	32	/* struct flock */
#define KMVX_UTSNAME_BYTES	390	/* struct new_utsname */

struct kmvx_reach {
	const struct kmvx_monitor *m;
	const unsigned long *a;
};

/* [addr, addr + len) reaches the monitor. A length that overflows does. */
static bool kmvx_at(const struct kmvx_reach *r, unsigned long addr, u64 len)
{
	return addr && kmvx_monitor_overlaps(r->m, addr, len ? len : 1);
}

/* Argument @i points at @len bytes. */
static bool kmvx_arg(const struct kmvx_reach *r, int i, u64 len)
{
	return kmvx_at(r, r->a[i], len);
}

/* Argument @i points at argument @n elements of @size bytes. */
static bool kmvx_arr(const struct kmvx_reach *r, int i, int n, u64 size)
{
	u64 len;

	if (check_mul_overflow((u64)r->a[n], size, &len))
		len = U64_MAX;
	return kmvx_arg(r, i, len);
}

/* The @cnt iovecs at @uiov, and the array itself. */
static bool kmvx_iov(const struct kmvx_reach *r, unsigned long uiov,
		     unsigned long cnt)
{
	const struct iovec __user *v = (const struct iovec __user *)uiov;
	struct iovec iov;
	unsigned long i;

	if (cnt > UIO_MAXIOV)
		return false;	/* the call fails with EINVAL itself */
	if (kmvx_at(r, uiov, cnt * sizeof(iov)))
		return true;
	for (i = 0; i < cnt; i++) {
		if (copy_from_user(&iov, &v[i], sizeof(iov)))
			return false;	/* the call fails with EFAULT */
		if (iov.iov_len && kmvx_at(r, (unsigned long)iov.iov_base,
					   iov.iov_len))
			return true;
	}
	return false;
}

/**
 * kmvx_reach_iov - whether @cnt iovecs at @uiov reach @m's memory
 * @m: the monitor
 * @uiov: the array, in the current process
 * @cnt: its length
 *
 * An array that cannot be read does not: the call fails by itself.
 */
bool kmvx_reach_iov(const struct kmvx_monitor *m, unsigned long uiov,
		    unsigned long cnt)
{
	const struct kmvx_reach r = { .m = m };

	return kmvx_iov(&r, uiov, cnt);
}

/* A struct user_msghdr at @umsg: itself, its name, iovecs and control. */
static bool kmvx_msg(const struct kmvx_reach *r, unsigned long umsg)
{
	struct user_msghdr msg;

	if (kmvx_at(r, umsg, sizeof(msg)))
		return true;
	if (copy_from_user(&msg, (void __user *)umsg, sizeof(msg)))
		return false;
	return kmvx_at(r, (unsigned long)msg.msg_name, msg.msg_namelen) ||
	       kmvx_at(r, (unsigned long)msg.msg_control,
		       msg.msg_controllen) ||
	       kmvx_iov(r, (unsigned long)msg.msg_iov, msg.msg_iovlen);
}

/* @vlen struct mmsghdr at @uvec. */
static bool kmvx_mmsg(const struct kmvx_reach *r, unsigned long uvec,
		      unsigned long vlen)
{
	unsigned long i;

	vlen = min_t(unsigned long, vlen, UIO_MAXIOV);	/* as the calls do */
	if (kmvx_at(r, uvec, vlen * sizeof(struct mmsghdr)))
		return true;
	for (i = 0; i < vlen; i++)
		if (kmvx_msg(r, uvec + i * sizeof(struct mmsghdr)))
			return true;
	return false;
}

/* Three fd_sets of @nfds bits, and a timeout at argument 4. */
static bool kmvx_select(const struct kmvx_reach *r)
{
	u64 bytes = DIV_ROUND_UP(min_t(u64, r->a[0], INT_MAX), BITS_PER_LONG) *
		    sizeof(long);

	return kmvx_arg(r, 1, bytes) || kmvx_arg(r, 2, bytes) ||
	       kmvx_arg(r, 3, bytes) || kmvx_arg(r, 4, KMVX_TIMESPEC_BYTES);
}

/* The addresses the kernel writes through for clone(). */
static bool kmvx_clone(const struct kmvx_reach *r)
{
	unsigned long flags = r->a[0];

	return ((flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) &&
		kmvx_arg(r, 2, sizeof(int))) ||
	       ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) &&
		kmvx_arg(r, 3, sizeof(int)));
}

/* clone3(args, size): the structure, and its pidfd and tid addresses. */
static bool kmvx_clone3(const struct kmvx_reach *r)
{
	struct clone_args args = {};
	size_t size = min_t(size_t, r->a[1], sizeof(args));

	if (kmvx_arg(r, 0, r->a[1]))
		return true;
	if (size < CLONE_ARGS_SIZE_VER0 ||
	    copy_from_user(&args, (void __user *)r->a[0], size))
		return false;
	return kmvx_at(r, args.pidfd, sizeof(int)) ||
	       kmvx_at(r, args.child_tid, sizeof(int)) ||
	       kmvx_at(r, args.parent_tid, sizeof(int)) ||
	       (size > offsetof(struct clone_args, set_tid) &&
		kmvx_at(r, args.set_tid, args.set_tid_size * sizeof(pid_t)));
}

/* sigaltstack(ss, old): both, and the stack the kernel would write to. */
static bool kmvx_sigaltstack(const struct kmvx_reach *r)
{
	stack_t ss;

	if (kmvx_arg(r, 0, sizeof(ss)) || kmvx_arg(r, 1, sizeof(ss)))
		return true;
	if (!r->a[0] || copy_from_user(&ss, (void __user *)r->a[0], sizeof(ss)))
		return false;
	return !(ss.ss_flags & SS_DISABLE) &&
	       kmvx_at(r, (unsigned long)ss.ss_sp, ss.ss_size);
}

/* getsockopt(fd, level, name, value, len): as many bytes as *len says. */
static bool kmvx_getsockopt(const struct kmvx_reach *r)
{
	int len;

	if (kmvx_arg(r, 4, sizeof(int)))
		return true;
	if (!r->a[4] || get_user(len, (int __user *)r->a[4]))
		return false;
	return kmvx_arg(r, 3, max(len, 1));
}

/* Paths and other strings: the first byte. */
static bool kmvx_str(const struct kmvx_reach *r, int i)
{
	return kmvx_arg(r, i, 1);
}

static bool kmvx_reach_paths(const struct kmvx_reach *r, long nr)
{
	switch (nr) {
	case __NR_open:
	case __NR_creat:
	case __NR_access:
	case __NR_mkdir:
	case __NR_rmdir:
	case __NR_unlink:
	case __NR_chdir:
	case __NR_chroot:
	case __NR_chmod:
	case __NR_chown:
	case __NR_lchown:
	case __NR_truncate:
	case __NR_mknod:
	case __NR_execve:
	case __NR_acct:
	case __NR_swapon:
	case __NR_swapoff:
	case __NR_uselib:
		return kmvx_str(r, 0);
	case __NR_openat:
	case __NR_faccessat:
	case __NR_faccessat2:
	case __NR_mkdirat:
	case __NR_unlinkat:
	case __NR_fchmodat:
	case __NR_fchownat:
	case __NR_mknodat:
	case __NR_execveat:
	case __NR_futimesat:
		return kmvx_str(r, 1);
	case __NR_openat2:
		return kmvx_str(r, 1) || kmvx_arg(r, 2, r->a[3]);
	case __NR_rename:
	case __NR_link:
	case __NR_symlink:
		return kmvx_str(r, 0) || kmvx_str(r, 1);
	case __NR_renameat:
	case __NR_renameat2:
	case __NR_linkat:
		return kmvx_str(r, 1) || kmvx_str(r, 3);
	case __NR_symlinkat:
		return kmvx_str(r, 0) || kmvx_str(r, 2);
	case __NR_utimensat:
		return kmvx_str(r, 1) || kmvx_arg(r, 2, 2 * KMVX_TIMESPEC_BYTES);
	case __NR_setxattr:
	case __NR_lsetxattr:
	case __NR_getxattr:
	case __NR_lgetxattr:
		return kmvx_str(r, 0) || kmvx_str(r, 1) ||
		       kmvx_arg(r, 2, r->a[3]);
	case __NR_fsetxattr:
	case __NR_fgetxattr:
		return kmvx_str(r, 1) || kmvx_arg(r, 2, r->a[3]);
	case __NR_listxattr:
	case __NR_llistxattr:
		return kmvx_str(r, 0) || kmvx_arg(r, 1, r->a[2]);
	case __NR_flistxattr:
		return kmvx_arg(r, 1, r->a[2]);
	case __NR_removexattr:
	case __NR_lremovexattr:
		return kmvx_str(r, 0) || kmvx_str(r, 1);
	case __NR_fremovexattr:
		return kmvx_str(r, 1);
	case __NR_inotify_add_watch:
		return kmvx_str(r, 1);
	case __NR_mount:
		return kmvx_str(r, 0) || kmvx_str(r, 1) || kmvx_str(r, 2) ||
		       kmvx_str(r, 4);
	case __NR_umount2:
		return kmvx_str(r, 0);
	default:
		return false;
	}
}

/**
 * kmvx_reach_monitor - whether a program's call will touch @m's memory
 * @m: the monitor of the caller's address space
 * @nr: the call
 * @a: its arguments
 */
bool kmvx_reach_monitor(const struct kmvx_monitor *m, long nr,
			const unsigned long *a)
{
	const struct kmvx_reach reach = { .m = m, .a = a }, *r = &reach;

	switch (nr) {
	case __NR_read:
	case __NR_write:
	case __NR_pread64:
	case __NR_pwrite64:
	case __NR_getdents:
	case __NR_getdents64:
	case __NR_flistxattr:
		return kmvx_arg(r, 1, a[2]);
	case __NR_readv:
	case __NR_writev:
	case __NR_preadv:
	case __NR_pwritev:
	case __NR_preadv2:
	case __NR_pwritev2:
	case __NR_vmsplice:
	case __NR_process_vm_readv:
	case __NR_process_vm_writev:
		return kmvx_iov(r, a[1], a[2]);
	case __NR_recvfrom:
		return kmvx_arg(r, 1, a[2]) ||
		       kmvx_arg(r, 4, KMVX_SOCKADDR_BYTES) ||
		       kmvx_arg(r, 5, sizeof(int));
	case __NR_sendto:
		return kmvx_arg(r, 1, a[2]) || kmvx_arg(r, 4, a[5]);
	case __NR_recvmsg:
	case __NR_sendmsg:
		return kmvx_msg(r, a[1]);
	case __NR_recvmmsg:
	case __NR_sendmmsg:
		return kmvx_mmsg(r, a[1], a[2]);
	case __NR_accept:
	case __NR_accept4:
	case __NR_getsockname:
	case __NR_getpeername:
		return kmvx_arg(r, 1, KMVX_SOCKADDR_BYTES) ||
		       kmvx_arg(r, 2, sizeof(int));
	case __NR_bind:
	case __NR_connect:
		return kmvx_arg(r, 1, a[2]);
	case __NR_getsockopt:
		return kmvx_getsockopt(r);
	case __NR_setsockopt:
		return kmvx_arg(r, 3, a[4]);
	case __NR_socketpair:
		return kmvx_arg(r, 3, 2 * sizeof(int));
	case __NR_pipe:
	case __NR_pipe2:
		return kmvx_arg(r, 0, 2 * sizeof(int));
	case __NR_wait4:
		return kmvx_arg(r, 1, sizeof(int)) ||
		       kmvx_arg(r, 3, KMVX_RUSAGE_BYTES);
	case __NR_waitid:
		return kmvx_arg(r, 2, KMVX_SIGINFO_BYTES) ||
		       kmvx_arg(r, 4, KMVX_RUSAGE_BYTES);
	case __NR_epoll_wait:
	case __NR_epoll_pwait:
	case __NR_epoll_pwait2:
		return kmvx_arr(r, 1, 2, KMVX_EPOLL_EVENT_BYTES);
	case __NR_epoll_ctl:
		return kmvx_arg(r, 3, KMVX_EPOLL_EVENT_BYTES);
	case __NR_poll:
	case __NR_ppoll:
		return kmvx_arr(r, 0, 1, sizeof(struct pollfd));
	case __NR_select:
	case __NR_pselect6:
		return kmvx_select(r) ||
		       (nr == __NR_pselect6 && kmvx_arg(r, 5, 2 * sizeof(long)));
	case __NR_nanosleep:
		return kmvx_arg(r, 0, KMVX_TIMESPEC_BYTES) ||
		       kmvx_arg(r, 1, KMVX_TIMESPEC_BYTES);
	case __NR_clock_nanosleep:
		return kmvx_arg(r, 2, KMVX_TIMESPEC_BYTES) ||
		       kmvx_arg(r, 3, KMVX_TIMESPEC_BYTES);
	case __NR_clock_gettime:
	case __NR_clock_getres:
	case __NR_clock_settime:
		return kmvx_arg(r, 1, KMVX_TIMESPEC_BYTES);
	case __NR_gettimeofday:
		return kmvx_arg(r, 0, KMVX_TIMESPEC_BYTES) ||
		       kmvx_arg(r, 1, 2 * sizeof(int));
	case __NR_time:
		return kmvx_arg(r, 0, sizeof(long));
	case __NR_rt_sigaction:
		return kmvx_arg(r, 1, KMVX_SIGACTION_BYTES) ||
		       kmvx_arg(r, 2, KMVX_SIGACTION_BYTES);
	case __NR_rt_sigprocmask:
		return kmvx_arg(r, 1, sizeof(sigset_t)) ||
		       kmvx_arg(r, 2, sizeof(sigset_t));
	case __NR_rt_sigpending:
	case __NR_rt_sigsuspend:
		return kmvx_arg(r, 0, sizeof(sigset_t));
	case __NR_rt_sigtimedwait:
		return kmvx_arg(r, 0, sizeof(sigset_t)) ||
		       kmvx_arg(r, 1, KMVX_SIGINFO_BYTES) ||
		       kmvx_arg(r, 2, KMVX_TIMESPEC_BYTES);
	case __NR_rt_sigqueueinfo:
		return kmvx_arg(r, 2, KMVX_SIGINFO_BYTES);
	case __NR_rt_tgsigqueueinfo:
		return kmvx_arg(r, 3, KMVX_SIGINFO_BYTES);
	case __NR_sigaltstack:
		return kmvx_sigaltstack(r);
	case __NR_futex:
		return kmvx_arg(r, 0, sizeof(u32)) ||
		       kmvx_arg(r, 4, sizeof(u32));
	case __NR_set_robust_list:
		return kmvx_arg(r, 0, a[1]);
	case __NR_get_robust_list:
		return kmvx_arg(r, 1, sizeof(long)) ||
		       kmvx_arg(r, 2, sizeof(size_t));
	case __NR_set_tid_address:
		return kmvx_arg(r, 0, sizeof(int));
	case __NR_rseq:
		return kmvx_arg(r, 0, a[1]);
	case __NR_clone:
		return kmvx_clone(r);
	case __NR_clone3:
		return kmvx_clone3(r);
	case __NR_getcwd:
	case __NR_getrandom:
		return kmvx_arg(r, 0, a[1]);
	case __NR_readlink:
		return kmvx_str(r, 0) || kmvx_arg(r, 1, a[2]);
	case __NR_readlinkat:
		return kmvx_str(r, 1) || kmvx_arg(r, 2, a[3]);
	case __NR_stat:
	case __NR_lstat:
		return kmvx_str(r, 0) || kmvx_arg(r, 1, KMVX_STAT_BYTES);
	case __NR_fstat:
		return kmvx_arg(r, 1, KMVX_STAT_BYTES);
	case __NR_newfstatat:
		return kmvx_str(r, 1) || kmvx_arg(r, 2, KMVX_STAT_BYTES);
	case __NR_statx:
		return kmvx_str(r, 1) || kmvx_arg(r, 4, KMVX_STATX_BYTES);
	case __NR_statfs:
		return kmvx_str(r, 0) || kmvx_arg(r, 1, sizeof(struct statfs));
	case __NR_fstatfs:
		return kmvx_arg(r, 1, sizeof(struct statfs));
	case __NR_uname:
		return kmvx_arg(r, 0, KMVX_UTSNAME_BYTES);
	case __NR_sysinfo:
		return kmvx_arg(r, 0, sizeof(struct sysinfo));
	case __NR_times:
		return kmvx_arg(r, 0, 4 * sizeof(long));
	case __NR_getrusage:
		return kmvx_arg(r, 1, KMVX_RUSAGE_BYTES);
	case __NR_getrlimit:
	case __NR_setrlimit:
		return kmvx_arg(r, 1, 2 * sizeof(long));
	case __NR_prlimit64:
		return kmvx_arg(r, 2, 2 * sizeof(u64)) ||
		       kmvx_arg(r, 3, 2 * sizeof(u64));
	case __NR_getresuid:
	case __NR_getresgid:
		return kmvx_arg(r, 0, sizeof(int)) ||
		       kmvx_arg(r, 1, sizeof(int)) ||
		       kmvx_arg(r, 2, sizeof(int));
	case __NR_getgroups:
	case __NR_setgroups:
		return kmvx_arr(r, 1, 0, sizeof(gid_t));
	case __NR_ioctl:
		/* The size the command encodes, or at least a byte. */
		return kmvx_arg(r, 2, _IOC_DIR(a[1]) ? _IOC_SIZE(a[1]) : 1);
	case __NR_fcntl:
		return (a[1] == F_GETLK || a[1] == F_SETLK ||
			a[1] == F_SETLKW || a[1] == F_OFD_GETLK ||
			a[1] == F_OFD_SETLK || a[1] == F_OFD_SETLKW ||
			a[1] == F_GETOWN_EX || a[1] == F_SETOWN_EX) &&
		       kmvx_arg(r, 2, KMVX_FLOCK_BYTES);
	case __NR_msgsnd:
	case __NR_msgrcv:
		return kmvx_arg(r, 1, a[2] + sizeof(long));
	case __NR_semop:
		return kmvx_arr(r, 1, 2, sizeof(struct sembuf));
	case __NR_semtimedop:
		return kmvx_arr(r, 1, 2, sizeof(struct sembuf)) ||
		       kmvx_arg(r, 3, KMVX_TIMESPEC_BYTES);
	case __NR_mq_timedsend:
	case __NR_mq_timedreceive:
		return kmvx_arg(r, 1, a[2]) || kmvx_arg(r, 3, sizeof(int)) ||
		       kmvx_arg(r, 4, KMVX_TIMESPEC_BYTES);
	case __NR_io_setup:
		return kmvx_arg(r, 1, sizeof(long));
	case __NR_io_submit:
		return kmvx_arr(r, 2, 1, sizeof(long));
	case __NR_io_getevents:
	case __NR_io_pgetevents:
		return kmvx_arr(r, 3, 2, KMVX_IO_EVENT_BYTES) ||
		       kmvx_arg(r, 4, KMVX_TIMESPEC_BYTES);
	case __NR_sendfile:
		return kmvx_arg(r, 2, sizeof(loff_t));
	case __NR_splice:
	case __NR_copy_file_range:
		return kmvx_arg(r, 1, sizeof(loff_t)) ||
		       kmvx_arg(r, 3, sizeof(loff_t));
	case __NR_timer_create:
		return kmvx_arg(r, 1, sizeof(struct sigevent)) ||
		       kmvx_arg(r, 2, sizeof(int));
	case __NR_timer_settime:
	case __NR_timerfd_settime:
		return kmvx_arg(r, 2, KMVX_ITIMERSPEC_BYTES) ||
		       kmvx_arg(r, 3, KMVX_ITIMERSPEC_BYTES);
	case __NR_timer_gettime:
	case __NR_timerfd_gettime:
	case __NR_getitimer:
		return kmvx_arg(r, 1, KMVX_ITIMERSPEC_BYTES);
	case __NR_setitimer:
		return kmvx_arg(r, 1, KMVX_ITIMERSPEC_BYTES) ||
		       kmvx_arg(r, 2, KMVX_ITIMERSPEC_BYTES);
	case __NR_signalfd:
	case __NR_signalfd4:
		return kmvx_arg(r, 1, sizeof(sigset_t));
	case __NR_sched_getaffinity:
	case __NR_sched_setaffinity:
		return kmvx_arg(r, 2, a[1]);
	case __NR_sched_getparam:
	case __NR_sched_setparam:
	case __NR_sched_setscheduler:
		return kmvx_arg(r, nr == __NR_sched_setscheduler ? 2 : 1,
				sizeof(int));
	case __NR_sched_rr_get_interval:
		return kmvx_arg(r, 1, KMVX_TIMESPEC_BYTES);
	case __NR_getcpu:
		return kmvx_arg(r, 0, sizeof(int)) ||
		       kmvx_arg(r, 1, sizeof(int));
	case __NR_mincore:
		return kmvx_arg(r, 2, DIV_ROUND_UP(a[1], PAGE_SIZE));
	case __NR_capget:
	case __NR_capset:
		return kmvx_arg(r, 0, 2 * sizeof(u32)) ||
		       kmvx_arg(r, 1, 6 * sizeof(u32));
	default:
		return kmvx_reach_paths(r, nr);
	}
}
