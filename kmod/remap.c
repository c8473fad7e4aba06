// SPDX-License-Identifier: GPL-2.0
/*
 * Remap sessions: switch the target's descriptor between its original
 * file and the session's destination.
 *
 * The switch is made by the target itself, from task work that runs when
 * it next returns to user space. A single-threaded process looks up its
 * descriptors without taking a reference on the file (fdget()'s fast
 * path), so a file may only leave its table while the process is not
 * inside a system call; in its own context on the way out, it is not.
 */

#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/lockdep.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/spinlock.h>

#include <mvx.h>

#include "remap.h"
#include "session.h"
#include "stats.h"

/*
 * Put @new on @fd of @files if the slot still holds @old. The slot's
 * reference on @old goes to the caller, the caller's reference on @new
 * to the slot.
 *
 * Not replace_fd(): it would filp_close() @old, which drops the
 * process's POSIX locks on that file and calls ->flush, so the process
 * would not get back what it had; and it cannot tell whether the slot
 * still holds the file the session put there.
 */
static bool kmvx_fd_exchange(struct files_struct *files, unsigned int fd,
			     struct file *old, struct file *new)
{
	struct fdtable *fdt;
	bool done = false;

	if (!files)
		return false;

	spin_lock(&files->file_lock);
	fdt = files_fdtable(files);
	if (fd < fdt->max_fds && rcu_access_pointer(fdt->fd[fd]) == old) {
		rcu_assign_pointer(fdt->fd[fd], new);
		done = true;
	}
	spin_unlock(&files->file_lock);

	return done;
}

/*
 * Apply or undo the remap on @files, the target's table or NULL once the
 * target has dropped it. Returns the file reference the caller has to
 * drop after unlocking, or NULL.
 */
static struct file *kmvx_remap_switch(struct kmvx_session *s,
				      struct files_struct *files)
{
	lockdep_assert_held(&s->work_lock);
	if (s->work_op == KMVX_WORK_APPLY) {
		if (kmvx_fd_exchange(files, s->fd, s->orig, s->dest)) {
			kmvx_get_file(s->dest);
			s->orig_from_table = true;
			s->work_ret = 0;
		} else {
			s->work_ret = files ? -EBADF : -ESRCH;
		}
		return NULL;
	}

	s->work_ret = 0;
	if (!s->orig_from_table)
		return NULL;
	s->orig_from_table = false;
	if (kmvx_fd_exchange(files, s->fd, s->dest, s->orig))
		return s->dest;

	/*
	 * The process closed or replaced the descriptor, or has exited: it
	 * would have closed the original by now.
	 */
	if (files)
		s->work_ret = -EBADF;
	return s->orig;
}

/*
 * Runs in the target. It does not complete @s->work.done: built-in code
 * does that once this function has returned (patch 7), so that a waiter
 * that then unloads kmvx never leaves a task in its text.
 */
static void kmvx_remap_work(struct mvx_hook_work *work)
{
	struct kmvx_session *s = container_of(work, struct kmvx_session, work);
	struct files_struct *files = current->files;
	struct file *drop = NULL;

	spin_lock(&s->work_lock);
	if (!s->work_cancelled) {
		s->work_ran = true;
		if (!files && !(current->signal->flags & SIGNAL_GROUP_EXIT))
			/* Only this thread is leaving: another must do it. */
			s->work_ret = -EAGAIN;
		else
			drop = kmvx_remap_switch(s, files);
	}
	spin_unlock(&s->work_lock);

	if (drop)
		kmvx_fput(drop);
}

/* A thread of the target that can still run task work, referenced. */
static struct task_struct *kmvx_remap_task(struct pid *tgid)
{
	struct task_struct *p, *t, *found = NULL;

	rcu_read_lock();
	p = pid_task(tgid, PIDTYPE_TGID);
	if (p) {
		for_each_thread(p, t) {
			if (!(t->flags & PF_EXITING)) {
				found = get_task_struct(t);
				break;
			}
		}
	}
	rcu_read_unlock();

	return found;
}

/* Wait for an earlier work of @s that nobody has seen complete. */
static int kmvx_remap_wait_earlier(struct kmvx_session *s,
				   enum kmvx_wait how)
{
	long left;

	if (!s->work_queued)
		return 0;
	if (how == KMVX_WAIT_IDLE) {
		kmvx_remap_wait_idle(s);
		return 0;
	}
	left = wait_for_completion_killable_timeout(&s->work.done,
			msecs_to_jiffies(MVX_SESSION_TIMEOUT_MS));
	if (left <= 0)
		return left ? -EINTR : -ETIMEDOUT;
	s->work_queued = false;
	return 0;
}

/* Queue @op on one thread of the target and wait for it as @how says. */
static int kmvx_remap_once(struct kmvx_session *s, enum kmvx_work_op op,
			   enum kmvx_wait how)
{
	unsigned long timeout = msecs_to_jiffies(MVX_SESSION_TIMEOUT_MS);
	struct task_struct *task;
	struct file *drop;
	long left;
	int ret;

	s->work_op = op;
	s->work_ran = false;
	s->work_cancelled = false;
	mvx_hook_work_init(&s->work, kmvx_remap_work);

	task = kmvx_remap_task(s->tgid);
	if (!task) {
		/* No thread left to run it: the table is gone. */
		spin_lock(&s->work_lock);
		drop = kmvx_remap_switch(s, NULL);
		spin_unlock(&s->work_lock);
		if (drop)
			kmvx_fput(drop);
		return s->work_ret;
	}
	if (task == current) {
		/*
		 * The target releases /dev/mvx itself, on its way back to
		 * user space (fput's task work) or out: it can do the work
		 * right here, and nobody else would.
		 */
		put_task_struct(task);
		kmvx_remap_work(&s->work);
		return s->work_ret;
	}
	ret = mvx_hook_work_add(task, &s->work, TWA_SIGNAL);
	put_task_struct(task);
	if (ret)
		return -EAGAIN;	/* that thread is past task work */
	s->work_queued = true;

	if (how == KMVX_WAIT_IDLE) {
		kmvx_remap_wait_idle(s);
		return s->work_ret;
	}

	left = wait_for_completion_killable_timeout(&s->work.done, timeout);
	if (left > 0) {
		s->work_queued = false;
		return s->work_ret;
	}

	spin_lock(&s->work_lock);
	if (!s->work_ran && op == KMVX_WORK_APPLY)
		s->work_cancelled = true;
	spin_unlock(&s->work_lock);
	if (!s->work_ran)
		return left ? -EINTR : -ETIMEDOUT;

	kmvx_remap_wait_idle(s);
	return s->work_ret;
}

/**
 * kmvx_remap_run - have the target apply or undo a remap session
 * @s: the session
 * @op: KMVX_WORK_APPLY or KMVX_WORK_UNDO
 * @how: how long to wait for the target to run the work
 *
 * With KMVX_WAIT_LIMITED the caller waits at most MVX_SESSION_TIMEOUT_MS
 * and can be killed. If the target has not run the work by then, an
 * apply is cancelled; an undo stays queued and is made when the target
 * next runs. Either way kmvx_remap_wait_idle() must be called before @s
 * is freed. With KMVX_WAIT_IDLE the caller waits until the target has
 * run the work, however long that takes (a stopped target runs it when
 * it continues or is killed).
 *
 * Return: 0, -ESRCH if the target is gone, -EBADF if its descriptor no
 * longer holds the file the session expects, -ETIMEDOUT or -EINTR.
 */
int kmvx_remap_run(struct kmvx_session *s, enum kmvx_work_op op,
		   enum kmvx_wait how)
{
	int ret, tries = 0;

	lockdep_assert_held(&s->client->lock);
	ret = kmvx_remap_wait_earlier(s, how);
	if (ret)
		return ret;

	/* A thread that exits before it runs the work hands it on. */
	do {
		ret = kmvx_remap_once(s, op, how);
	} while (ret == -EAGAIN && ++tries < 16);

	return ret == -EAGAIN ? -ESRCH : ret;
}

/**
 * kmvx_remap_wait_idle - wait until no work of @s is queued on its target
 * @s: the session
 */
void kmvx_remap_wait_idle(struct kmvx_session *s)
{
	lockdep_assert_held(&s->client->lock);
	if (!s->work_queued)
		return;
	wait_for_completion_state(&s->work.done, TASK_IDLE);
	s->work_queued = false;
}
