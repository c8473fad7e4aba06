// SPDX-License-Identifier: GPL-2.0
/*
 * Duplicate sessions: every byte the target's write-family calls wrote
 * to its descriptor is written to the session's destination as well.
 *
 * Every thread of the target carries SYSCALL_WORK_MVX while a session on
 * it lives; for a remap session the hook only counts what the calls
 * redirected. On entry to a write-family call on the session's
 * descriptor the thread takes the session's order lock; on exit it
 * copies what the call wrote, from the same user buffers, and drops the
 * lock. Calls on that descriptor thus run one at a time, and the copies
 * reach the destination in the order the calls completed.
 */

#include <linux/compat.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/lockdep.h>
#include <linux/mvx_hook.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include <mvx.h>

#include "dup.h"
#include "session.h"

static bool kmvx_dup_call(long nr)
{
	switch (nr) {
	case __NR_write:
	case __NR_writev:
	case __NR_pwrite64:
	case __NR_pwritev:
	case __NR_pwritev2:
		return true;
	default:
		return false;
	}
}

/*
 * The descriptor that a call the session does not copy writes to, or -1.
 * Descriptors are the low 32 bits of their register, as the calls take
 * them.
 */
static int kmvx_dup_uncopied_fd(long nr, const unsigned long *args)
{
	switch (nr) {
	case __NR_sendfile:
	case __NR_vmsplice:
		return (int)args[0];
	case __NR_splice:
	case __NR_copy_file_range:
		return (int)args[2];
	case __NR_tee:
		return (int)args[1];
	default:
		return -1;
	}
}

static void kmvx_dup_count_uncopied(long nr, const unsigned long *args)
{
	int fd = kmvx_dup_uncopied_fd(nr, args);
	struct kmvx_session *s;

	if (fd < 0)
		return;
	s = kmvx_session_get_dup(fd);
	if (s) {
		atomic64_inc(&s->skipped);
		kmvx_session_put(s);
	}
}

/**
 * kmvx_dup_enter - the enter callback for duplicate and remap sessions
 * @regs: the thread's registers
 * @nr: the system call
 *
 * Return: false (the call always runs).
 */
bool kmvx_dup_enter(struct pt_regs *regs, long nr)
{
	unsigned long args[6];
	struct kmvx_session *s;

	/* The numbers below are those of the native system call table. */
	if (in_compat_syscall())
		return false;

	if (!kmvx_sessions_need_hook(task_tgid(current))) {
		/* A monitored thread stays hooked for its monitor. */
		if (current->mvx_data)
			return false;
		/* A thread created while the last session ended. */
		mvx_hook_clear_task(current);
		/* Pairs with a session start linking before it hooks. */
		smp_mb__after_atomic();
		if (!kmvx_sessions_need_hook(task_tgid(current)))
			return false;
		mvx_hook_set_task(current);
	}

	syscall_get_arguments(current, regs, args);
	if (!kmvx_dup_call(nr)) {
		kmvx_dup_count_uncopied(nr, args);
		return false;
	}

	s = kmvx_session_get_dup((int)args[0]);
	if (!s)
		return false;

	if (mutex_lock_interruptible(&s->order)) {
		/*
		 * A signal or task work (a remap of another descriptor, say)
		 * must not wait for another thread's write: skip the call,
		 * and the entry code restarts it after handling them.
		 */
		kmvx_session_put(s);
		syscall_set_return_value(current, regs, -ERESTARTNOINTR, 0);
		return true;
	}

	if (!kmvx_session_start_write(s)) {
		mutex_unlock(&s->order);
		kmvx_session_put(s);
	}
	/* Otherwise the reference and the lock go with the exit. */
	return false;
}

/*
 * The copy is written in the target's context, so a destination whose
 * reader has gone (SIGPIPE) or a file past the target's RLIMIT_FSIZE
 * (SIGXFSZ) would signal the target for a write it never made. Unblocked,
 * such a signal would at once turn into the death of the whole process;
 * blocked, it only waits, and can be taken back.
 */
static bool kmvx_dup_may_signal(struct file *dest)
{
	umode_t mode = file_inode(dest)->i_mode;

	return S_ISFIFO(mode) || S_ISSOCK(mode) ||
	       rlimit(RLIMIT_FSIZE) != RLIM_INFINITY;
}

static void kmvx_dup_block_signals(sigset_t *saved, sigset_t *pending)
{
	sigset_t set;

	siginitset(&set, sigmask(SIGPIPE) | sigmask(SIGXFSZ));
	sigprocmask(SIG_BLOCK, &set, saved);
	spin_lock_irq(&current->sighand->siglock);
	*pending = current->pending.signal;
	spin_unlock_irq(&current->sighand->siglock);
}

/* Take back what the copy raised, then unblock. */
static void kmvx_dup_unblock_signals(sigset_t *saved, sigset_t *pending)
{
	static const int sigs[] = { SIGPIPE, SIGXFSZ };
	kernel_siginfo_t info;
	enum pid_type type;
	sigset_t others;
	int i;

	spin_lock_irq(&current->sighand->siglock);
	for (i = 0; i < ARRAY_SIZE(sigs); i++) {
		if (sigismember(pending, sigs[i]) ||
		    !sigismember(&current->pending.signal, sigs[i]))
			continue;
		siginitsetinv(&others, sigmask(sigs[i]));
		dequeue_signal(current, &others, &info, &type);
	}
	spin_unlock_irq(&current->sighand->siglock);
	sigprocmask(SIG_SETMASK, saved, NULL);
}

static void kmvx_dup_copy(struct kmvx_session *s, long nr,
			  const unsigned long *args, size_t len)
{
	struct iovec iovstack[UIO_FASTIOV], *iov = iovstack;
	struct file *dest = s->dest;
	sigset_t saved, pending;
	struct iov_iter iter;
	loff_t *ppos;
	ssize_t ret;
	bool guard;

	if (nr == __NR_write || nr == __NR_pwrite64) {
		ret = import_single_range(ITER_SOURCE, (void __user *)args[1],
					  len, iov, &iter);
		iov = NULL;
	} else {
		ret = import_iovec(ITER_SOURCE,
				   (const struct iovec __user *)args[1],
				   args[2], UIO_FASTIOV, &iov, &iter);
	}
	if (ret < 0) {
		atomic64_inc(&s->errors);
		return;
	}
	iov_iter_truncate(&iter, len);

	guard = kmvx_dup_may_signal(dest);
	if (guard)
		kmvx_dup_block_signals(&saved, &pending);
	ppos = (dest->f_mode & FMODE_STREAM) ? NULL : &dest->f_pos;
	if (ppos)
		mutex_lock(&dest->f_pos_lock);
	file_start_write(dest);
	while (iov_iter_count(&iter)) {
		ret = vfs_iter_write(dest, &iter, ppos, 0);
		if (ret <= 0)
			break;
	}
	file_end_write(dest);
	if (ppos)
		mutex_unlock(&dest->f_pos_lock);
	kfree(iov);
	if (guard)
		kmvx_dup_unblock_signals(&saved, &pending);

	atomic64_inc(&s->writes);
	atomic64_add(len - iov_iter_count(&iter), &s->bytes);
	if (iov_iter_count(&iter))
		atomic64_inc(&s->errors);
}

/**
 * kmvx_dup_exit - the exit callback for duplicate and remap sessions
 * @regs: the thread's registers
 */
void kmvx_dup_exit(struct pt_regs *regs)
{
	long nr = syscall_get_nr(current, regs);
	long ret = syscall_get_return_value(current, regs);
	unsigned long args[6];
	struct kmvx_session *s;

	if (in_compat_syscall())
		return;
	if ((nr == __NR_execve || nr == __NR_execveat) && ret == 0) {
		kmvx_sessions_exec(task_tgid(current));
		return;
	}
	if (!kmvx_dup_call(nr))
		return;

	syscall_get_arguments(current, regs, args);
	s = kmvx_session_held();
	if (!s) {
		if (ret > 0)
			kmvx_session_count_remapped((int)args[0], ret);
		return;
	}

	if (ret > 0)
		kmvx_dup_copy(s, nr, args, ret);

	kmvx_session_end_write(s);
	mutex_unlock(&s->order);
	kmvx_session_put(s);
}

/* Threads of a hooked process are hooked too; children are not. */
bool kmvx_dup_fork(struct task_struct *child, u64 clone_flags)
{
	lockdep_assert_held(&current->sighand->siglock);
	return (clone_flags & CLONE_THREAD) &&
	       kmvx_sessions_need_hook(task_tgid(current));
}
