// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions: their life on an open file of /dev/mvx, and the ioctls that
 * start, report on and control them.
 *
 * A session lives on its client's list until the client ends it or the
 * file is released, and on the global mvx_sessions list while it may
 * still act on its process: that list is what refuses a second session
 * on the same descriptor and what the duplicating hook searches.
 */

#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait_bit.h>

#include <mvx.h>

#include "dup.h"
#include "remap.h"
#include "session.h"
#include "stats.h"
#include "target.h"

LIST_HEAD(mvx_sessions);
DEFINE_SPINLOCK(mvx_sessions_lock);
/* Serialises linking sessions and hooking or unhooking their processes. */
DEFINE_MUTEX(mvx_sessions_mutex);

static void mvx_session_free(struct kref *ref)
{
	struct mvx_session *s = container_of(ref, struct mvx_session, ref);

	WARN_ON_ONCE(s->linked || s->orig_from_table || s->work_queued);
	mvx_fput(s->orig);
	mvx_fput(s->dest);
	put_pid(s->tgid);
	kfree_rcu(s, rcu);
	if (atomic_dec_and_test(&mvx_stat_sessions))
		wake_up_var(&mvx_stat_sessions);
}

void mvx_session_put(struct mvx_session *s)
{
	kref_put(&s->ref, mvx_session_free);
}

/**
 * mvx_session_mark_ended - record that a session is over
 * @s: the session, not yet ended
 * @reason: enum mvx_session_end
 *
 * Called with mvx_sessions_lock held. A duplicate session leaves
 * mvx_sessions now, or when the call that holds its order lock returns;
 * a remap session once its process has been restored.
 */
void mvx_session_mark_ended(struct mvx_session *s, u32 reason)
{
	s->state = MVX_SESSION_ENDED;
	s->end_reason = reason;
	if (s->mode == MVX_SESSION_DUP)
		mvx_session_unlink_locked(s);
}

/**
 * mvx_session_unlink_locked - take a session off mvx_sessions
 * @s: the session
 *
 * Called with mvx_sessions_lock held. A session whose order lock a call
 * holds stays: that call's exit finds it there, and unlinks it.
 */
void mvx_session_unlink_locked(struct mvx_session *s)
{
	if (s->linked && !s->writer) {
		list_del_rcu(&s->node);
		s->linked = false;
	}
}

static void mvx_session_unlink(struct mvx_session *s)
{
	spin_lock(&mvx_sessions_lock);
	mvx_session_unlink_locked(s);
	spin_unlock(&mvx_sessions_lock);
}

/* Why the session's process is gone, or MVX_END_NONE if it is not. */
static u32 mvx_session_target_gone(struct mvx_session *s)
{
	struct task_struct *p;
	u32 reason = MVX_END_NONE;

	rcu_read_lock();
	p = pid_task(s->tgid, PIDTYPE_TGID);
	if (!p || (p->signal->flags & SIGNAL_GROUP_EXIT) ||
	    (p->exit_state && thread_group_empty(p)))
		reason = MVX_END_EXITED;
	else if (READ_ONCE(p->self_exec_id) != s->exec_id)
		reason = MVX_END_EXECED;
	rcu_read_unlock();

	return reason;
}

/*
 * End @s and restore its process. For a remap the process itself puts
 * the original file back, so this waits for it as @how says.
 */
static int mvx_session_end(struct mvx_session *s, u32 reason,
			   enum mvx_wait how)
{
	bool was_active;

	mutex_lock(&mvx_sessions_mutex);
	spin_lock(&mvx_sessions_lock);
	was_active = s->state != MVX_SESSION_ENDED;
	if (was_active)
		mvx_session_mark_ended(s, reason);
	spin_unlock(&mvx_sessions_lock);
	if (was_active)
		mvx_dup_unhook_if_idle(s->tgid);
	mutex_unlock(&mvx_sessions_mutex);

	if (!was_active || s->mode != MVX_SESSION_REMAP)
		return 0;
	return mvx_remap_run(s, MVX_WORK_UNDO, how);
}

/* Ends @s if its process has exited or executed a new program. */
static void mvx_session_check(struct mvx_session *s)
{
	u32 reason;

	if (READ_ONCE(s->state) == MVX_SESSION_ENDED)
		return;
	reason = mvx_session_target_gone(s);
	if (reason != MVX_END_NONE)
		mvx_session_end(s, reason, MVX_WAIT_LIMITED);
}

/*
 * Drop an ended session from its client, unless the process still has
 * its restore to run: then it stays, and mvx_client_release() waits.
 */
static void mvx_session_forget(struct mvx_session *s, bool wait)
{
	if (wait)
		mvx_remap_wait_idle(s);
	else if (s->work_queued)
		return;

	mvx_session_unlink(s);
	list_del(&s->client_node);
	mvx_session_put(s);
}

static struct mvx_session *mvx_session_find(struct mvx_client *client,
					    u32 id)
{
	struct mvx_session *s;

	if (!id)
		return NULL;
	list_for_each_entry(s, &client->sessions, client_node) {
		if (s->id == id)
			return s;
	}
	return NULL;
}

/* Whether a session on descriptor @fd of @tgid is linked. */
static bool mvx_session_busy(struct pid *tgid, int fd)
{
	struct mvx_session *s;

	list_for_each_entry(s, &mvx_sessions, node) {
		if (s->tgid == tgid && s->fd == fd)
			return true;
	}
	return false;
}

static struct file *mvx_writable_file(struct file *file)
{
	if (file && !(file->f_mode & FMODE_WRITE)) {
		fput(file);
		return ERR_PTR(-EBADF);
	}
	return file ? file : ERR_PTR(-EBADF);
}

static struct mvx_session *mvx_session_new(const struct mvx_session_start *req)
{
	struct task_struct *task;
	struct mvx_session *s;
	struct file *file;
	int err;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	kref_init(&s->ref);
	INIT_LIST_HEAD(&s->client_node);
	mutex_init(&s->order);
	init_completion(&s->work_done);
	s->mode = req->mode;
	s->fd = req->fd;
	s->state = MVX_SESSION_ACTIVE;
	s->start = ktime_get();

	file = mvx_writable_file(fget(req->dest_fd));
	if (IS_ERR(file)) {
		err = PTR_ERR(file);
		goto free;
	}
	s->dest = file;

	task = mvx_target_get(req->pid);
	if (IS_ERR(task)) {
		err = PTR_ERR(task);
		goto put_dest;
	}
	file = mvx_writable_file(fget_task(task, req->fd));
	if (IS_ERR(file)) {
		err = PTR_ERR(file);
		put_task_struct(task);
		goto put_dest;
	}
	s->orig = file;
	s->tgid = get_task_pid(task, PIDTYPE_TGID);
	s->exec_id = READ_ONCE(task->group_leader->self_exec_id);
	put_task_struct(task);

	mvx_count_file();
	mvx_count_file();
	atomic_inc(&mvx_stat_sessions);
	return s;

put_dest:
	fput(s->dest);
free:
	kfree(s);
	return ERR_PTR(err);
}

long mvx_ioctl_session_start(struct mvx_client *client, void __user *uarg)
{
	struct mvx_session_start req;
	struct mvx_session *s;
	u32 usize;
	int ret;

	ret = mvx_copy_request(&req, sizeof(req), uarg,
			       MVX_SESSION_START_SIZE_VER0, &usize);
	if (ret)
		return ret;
	if (req.flags || req.__pad || req.fd < 0 ||
	    (req.mode != MVX_SESSION_REMAP && req.mode != MVX_SESSION_DUP))
		return -EINVAL;

	s = mvx_session_new(&req);
	if (IS_ERR(s))
		return PTR_ERR(s);

	mutex_lock(&client->lock);
	/* The id goes out first, so that a bad pointer changes nothing. */
	if (!++client->next_id)
		++client->next_id;
	s->id = client->next_id;
	req.id = s->id;
	if (copy_to_user(uarg, &req, min_t(size_t, usize, sizeof(req)))) {
		ret = -EFAULT;
		goto put;
	}

	mutex_lock(&mvx_sessions_mutex);
	spin_lock(&mvx_sessions_lock);
	if (mvx_session_busy(s->tgid, s->fd)) {
		ret = -EBUSY;
	} else {
		list_add_tail_rcu(&s->node, &mvx_sessions);
		s->linked = true;
	}
	spin_unlock(&mvx_sessions_lock);
	if (!ret)
		mvx_dup_hook_process(s->tgid);
	mutex_unlock(&mvx_sessions_mutex);
	if (ret)
		goto put;

	list_add_tail(&s->client_node, &client->sessions);
	if (s->mode == MVX_SESSION_REMAP) {
		ret = mvx_remap_run(s, MVX_WORK_APPLY, MVX_WAIT_LIMITED);
		if (ret) {
			spin_lock(&mvx_sessions_lock);
			mvx_session_mark_ended(s, MVX_END_NONE);
			spin_unlock(&mvx_sessions_lock);
			/*
			 * A cancelled apply does nothing when it runs, but it
			 * is still queued: then the session stays, nameless,
			 * for mvx_client_release() to wait for.
			 */
			mvx_session_unlink(s);
			mutex_lock(&mvx_sessions_mutex);
			mvx_dup_unhook_if_idle(s->tgid);
			mutex_unlock(&mvx_sessions_mutex);
			s->id = 0;
			mvx_session_forget(s, false);
		}
	}
	mutex_unlock(&client->lock);
	return ret;

put:
	mutex_unlock(&client->lock);
	mvx_session_put(s);
	return ret;
}

long mvx_ioctl_session_status(struct mvx_client *client, void __user *uarg)
{
	struct mvx_session_status req;
	struct mvx_session *s;
	u32 usize;
	int ret;

	ret = mvx_copy_request(&req, sizeof(req), uarg,
			       MVX_SESSION_STATUS_SIZE_VER0, &usize);
	if (ret)
		return ret;
	if (req.__pad)
		return -EINVAL;

	mutex_lock(&client->lock);
	s = mvx_session_find(client, req.id);
	if (!s) {
		mutex_unlock(&client->lock);
		return -ENOENT;
	}
	mvx_session_check(s);

	spin_lock(&mvx_sessions_lock);
	req.state = s->state;
	req.end_reason = s->end_reason;
	spin_unlock(&mvx_sessions_lock);
	rcu_read_lock();
	req.pid = pid_vnr(s->tgid);
	rcu_read_unlock();
	req.fd = s->fd;
	req.mode = s->mode;
	req.writes = atomic64_read(&s->writes);
	req.bytes = atomic64_read(&s->bytes);
	req.errors = atomic64_read(&s->errors);
	req.skipped = atomic64_read(&s->skipped);
	req.attached_ns = ktime_to_ns(ktime_sub(ktime_get(), s->start));
	mutex_unlock(&client->lock);

	req.size = sizeof(req);
	if (copy_to_user(uarg, &req, min_t(size_t, usize, sizeof(req))))
		return -EFAULT;
	return 0;
}

/* Set the state of @s, unless it has ended meanwhile (an exec). */
static int mvx_session_set_state(struct mvx_session *s, u32 state)
{
	int ret = 0;

	spin_lock(&mvx_sessions_lock);
	if (s->state == MVX_SESSION_ENDED)
		ret = -ESRCH;
	else
		s->state = state;
	spin_unlock(&mvx_sessions_lock);
	return ret;
}

static int mvx_session_pause(struct mvx_session *s)
{
	int ret = 0;

	if (s->mode == MVX_SESSION_REMAP) {
		ret = mvx_remap_run(s, MVX_WORK_UNDO, MVX_WAIT_LIMITED);
		/* An undo that timed out stays queued: the remap is off. */
		if (ret && !(s->work_queued && s->work_op == MVX_WORK_UNDO))
			return ret;
	}
	return mvx_session_set_state(s, MVX_SESSION_PAUSED) ?: ret;
}

static int mvx_session_resume(struct mvx_session *s)
{
	int ret = 0;

	if (s->mode == MVX_SESSION_REMAP)
		ret = mvx_remap_run(s, MVX_WORK_APPLY, MVX_WAIT_LIMITED);
	if (ret)
		return ret;
	return mvx_session_set_state(s, MVX_SESSION_ACTIVE);
}

long mvx_ioctl_session_ctl(struct mvx_client *client, void __user *uarg)
{
	struct mvx_session_ctl req;
	struct mvx_session *s;
	u32 usize;
	int ret;

	ret = mvx_copy_request(&req, sizeof(req), uarg,
			       MVX_SESSION_CTL_SIZE_VER0, &usize);
	if (ret)
		return ret;
	if (req.__pad || req.op < MVX_SESSION_PAUSE || req.op > MVX_SESSION_END)
		return -EINVAL;

	mutex_lock(&client->lock);
	s = mvx_session_find(client, req.id);
	if (!s) {
		ret = -ENOENT;
		goto out;
	}
	mvx_session_check(s);

	if (req.op == MVX_SESSION_END) {
		ret = mvx_session_end(s, MVX_END_NONE, MVX_WAIT_LIMITED);
		/* The process closed or replaced the descriptor itself. */
		if (ret == -EBADF || ret == -ESRCH)
			ret = 0;
		mvx_session_forget(s, false);
	} else if (READ_ONCE(s->state) == MVX_SESSION_ENDED) {
		ret = -ESRCH;
	} else if (req.op == MVX_SESSION_PAUSE) {
		if (s->state == MVX_SESSION_ACTIVE)
			ret = mvx_session_pause(s);
	} else if (s->state == MVX_SESSION_PAUSED) {
		ret = mvx_session_resume(s);
	}
out:
	mutex_unlock(&client->lock);
	return ret;
}

/* Every client, for mvx_clients_revoke(). */
static LIST_HEAD(mvx_clients);
static DEFINE_MUTEX(mvx_clients_lock);

struct mvx_client *mvx_client_new(void)
{
	struct mvx_client *client;

	client = kzalloc(sizeof(*client), GFP_KERNEL);
	if (!client)
		return NULL;
	mutex_init(&client->lock);
	INIT_LIST_HEAD(&client->sessions);
	mutex_lock(&mvx_clients_lock);
	list_add(&client->node, &mvx_clients);
	mutex_unlock(&mvx_clients_lock);
	return client;
}

/**
 * mvx_client_release - end every session of a released /dev/mvx file
 * @client: the file's client
 *
 * Each remap is undone by its process, so this waits until each has
 * run: a stopped process is restored, and this returns, when it
 * continues or is killed.
 */
void mvx_client_release(struct mvx_client *client)
{
	struct mvx_session *s, *tmp;

	mutex_lock(&mvx_clients_lock);
	list_del(&client->node);
	mutex_unlock(&mvx_clients_lock);

	mutex_lock(&client->lock);
	list_for_each_entry_safe(s, tmp, &client->sessions, client_node) {
		mvx_session_end(s, MVX_END_NONE, MVX_WAIT_IDLE);
		mvx_session_forget(s, true);
	}
	mutex_unlock(&client->lock);
	kfree(client);
}

/**
 * mvx_clients_revoke - end the sessions of every open file of /dev/mvx
 *
 * Called while the module is unloaded, when no other callback of the
 * device runs; the files are not seen again. Returns once every session
 * is freed: a duplicated call that is still in progress (a write blocked
 * on a full pipe, say) holds its session until its exit callback, which
 * must run before the hook goes away.
 */
void mvx_clients_revoke(void)
{
	struct mvx_client *client, *tmp;

	list_for_each_entry_safe(client, tmp, &mvx_clients, node)
		mvx_client_release(client);
	wait_var_event(&mvx_stat_sessions, !atomic_read(&mvx_stat_sessions));
}
