// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions: their life on an open file of /dev/mvx, and the ioctls that
 * start, report on and control them.
 *
 * A session lives on its client's list until the client ends it or the
 * file is released, and on the list of linked sessions while it may
 * still act on its process: that list is what refuses a second session
 * on the same descriptor and what the duplicating hook (dup.c) searches,
 * through the functions at the end of this file. A process stays hooked
 * while a session on it is linked.
 */

#include <linux/err.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/lockdep.h>
#include <linux/mvx_hook.h>
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

#include "group.h"
#include "monitor.h"
#include "remap.h"
#include "session.h"
#include "stats.h"
#include "target.h"

/* The linked sessions: under kmvx_sessions_lock, read under RCU. */
static LIST_HEAD(kmvx_sessions);
/* The list, and each session's state, end_reason, linked and writer. */
static DEFINE_SPINLOCK(kmvx_sessions_lock);
/* Serialises linking sessions and hooking or unhooking their processes. */
static DEFINE_MUTEX(kmvx_sessions_mutex);

static void kmvx_session_free(struct kref *ref)
{
	struct kmvx_session *s = container_of(ref, struct kmvx_session, ref);

	WARN_ON_ONCE(s->linked || s->orig_from_table || s->work_queued);
	kmvx_fput(s->orig);
	kmvx_fput(s->dest);
	put_pid(s->tgid);
	kfree_rcu(s, rcu);
	if (atomic_dec_and_test(&kmvx_stat_sessions))
		wake_up_var(&kmvx_stat_sessions);
}

void kmvx_session_put(struct kmvx_session *s)
{
	kref_put(&s->ref, kmvx_session_free);
}

/**
 * kmvx_session_unlink_locked - take a session off kmvx_sessions
 * @s: the session
 *
 * A session whose order lock a call holds stays: that call's exit finds
 * it there, and unlinks it.
 */
static void kmvx_session_unlink_locked(struct kmvx_session *s)
{
	lockdep_assert_held(&kmvx_sessions_lock);
	if (s->linked && !s->writer) {
		list_del_rcu(&s->node);
		s->linked = false;
	}
}

/**
 * kmvx_session_mark_ended - record that a session is over
 * @s: the session, not yet ended
 * @reason: enum mvx_session_end
 *
 * A duplicate session leaves kmvx_sessions now, or when the call that
 * holds its order lock returns; a remap session once its process has
 * been restored.
 */
static void kmvx_session_mark_ended(struct kmvx_session *s, u32 reason)
{
	lockdep_assert_held(&kmvx_sessions_lock);
	s->state = MVX_SESSION_ENDED;
	s->end_reason = reason;
	if (s->mode == MVX_SESSION_DUP)
		kmvx_session_unlink_locked(s);
}

static void kmvx_session_unlink(struct kmvx_session *s)
{
	spin_lock(&kmvx_sessions_lock);
	kmvx_session_unlink_locked(s);
	spin_unlock(&kmvx_sessions_lock);
}

/**
 * kmvx_sessions_need_hook - whether the threads of @tgid must stay hooked
 * @tgid: the thread group
 *
 * Return: true if a session on it has not ended, or a call still holds
 * an ended session's order lock and must see its exit callback.
 */
bool kmvx_sessions_need_hook(struct pid *tgid)
{
	struct kmvx_session *s;
	bool live = false;

	rcu_read_lock();
	list_for_each_entry_rcu(s, &kmvx_sessions, node) {
		if (s->tgid == tgid &&
		    (READ_ONCE(s->state) != MVX_SESSION_ENDED ||
		     READ_ONCE(s->writer))) {
			live = true;
			break;
		}
	}
	rcu_read_unlock();

	return live;
}

/* A referenced thread of the process of @tgid, or NULL once it is gone. */
static struct task_struct *kmvx_session_process(struct pid *tgid)
{
	return get_pid_task(tgid, PIDTYPE_TGID);
}

/* Hooks every thread of @tgid, after a session on it is linked. */
static void kmvx_session_hook_process(struct pid *tgid)
{
	struct task_struct *p;

	lockdep_assert_held(&kmvx_sessions_mutex);
	p = kmvx_session_process(tgid);
	if (p) {
		mvx_hook_set_process(p);
		put_task_struct(p);
	}
}

/* Unhooks @tgid if neither a session nor a monitor needs it any more. */
static void kmvx_session_unhook_if_idle(struct pid *tgid)
{
	struct task_struct *p;

	lockdep_assert_held(&kmvx_sessions_mutex);
	if (kmvx_sessions_need_hook(tgid))
		return;
	p = kmvx_session_process(tgid);
	if (p) {
		if (!kmvx_monitor_process_hooked(p))
			mvx_hook_clear_process(p);
		put_task_struct(p);
	}
}

/* Why the session's process is gone, or MVX_END_NONE if it is not. */
static u32 kmvx_session_target_gone(struct kmvx_session *s)
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
static int kmvx_session_end(struct kmvx_session *s, u32 reason,
			    enum kmvx_wait how)
{
	bool was_active;

	mutex_lock(&kmvx_sessions_mutex);
	spin_lock(&kmvx_sessions_lock);
	was_active = s->state != MVX_SESSION_ENDED;
	if (was_active)
		kmvx_session_mark_ended(s, reason);
	spin_unlock(&kmvx_sessions_lock);
	if (was_active)
		kmvx_session_unhook_if_idle(s->tgid);
	mutex_unlock(&kmvx_sessions_mutex);

	if (!was_active || s->mode != MVX_SESSION_REMAP)
		return 0;
	return kmvx_remap_run(s, KMVX_WORK_UNDO, how);
}

/* Ends @s if its process has exited or executed a new program. */
static void kmvx_session_check(struct kmvx_session *s)
{
	u32 reason;

	if (READ_ONCE(s->state) == MVX_SESSION_ENDED)
		return;
	reason = kmvx_session_target_gone(s);
	if (reason != MVX_END_NONE)
		kmvx_session_end(s, reason, KMVX_WAIT_LIMITED);
}

/*
 * Drop an ended session from its client, unless the process still has
 * its restore to run: then it stays, and kmvx_client_release() waits.
 */
static void kmvx_session_forget(struct kmvx_session *s, bool wait)
{
	lockdep_assert_held(&s->client->lock);
	if (wait)
		kmvx_remap_wait_idle(s);
	else if (s->work_queued)
		return;

	kmvx_session_unlink(s);
	list_del(&s->client_node);
	kmvx_session_put(s);
}

static struct kmvx_session *kmvx_session_find(struct kmvx_client *client,
					      u32 id)
{
	struct kmvx_session *s;

	lockdep_assert_held(&client->lock);
	if (!id)
		return NULL;
	list_for_each_entry(s, &client->sessions, client_node) {
		if (s->id == id)
			return s;
	}
	return NULL;
}

/* Whether a session on descriptor @fd of @tgid is linked. */
static bool kmvx_session_busy(struct pid *tgid, int fd)
{
	struct kmvx_session *s;

	lockdep_assert_held(&kmvx_sessions_lock);
	list_for_each_entry(s, &kmvx_sessions, node) {
		if (s->tgid == tgid && s->fd == fd)
			return true;
	}
	return false;
}

static struct file *kmvx_writable_file(struct file *file)
{
	if (file && !(file->f_mode & FMODE_WRITE)) {
		fput(file);
		return ERR_PTR(-EBADF);
	}
	return file ? file : ERR_PTR(-EBADF);
}

static struct kmvx_session *
kmvx_session_new(const struct mvx_session_start *req)
{
	struct task_struct *task;
	struct kmvx_session *s;
	struct file *file;
	int err;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	kref_init(&s->ref);
	INIT_LIST_HEAD(&s->client_node);
	mutex_init(&s->order);
	spin_lock_init(&s->work_lock);
	mvx_hook_work_init(&s->work, NULL);
	s->mode = req->mode;
	s->fd = req->fd;
	s->state = MVX_SESSION_ACTIVE;
	s->start = ktime_get();

	file = kmvx_writable_file(fget(req->dest_fd));
	if (IS_ERR(file)) {
		err = PTR_ERR(file);
		goto free;
	}
	s->dest = file;

	task = kmvx_target_get(req->pid);
	if (IS_ERR(task)) {
		err = PTR_ERR(task);
		goto put_dest;
	}
	file = kmvx_writable_file(fget_task(task, req->fd));
	if (IS_ERR(file)) {
		err = PTR_ERR(file);
		put_task_struct(task);
		goto put_dest;
	}
	s->orig = file;
	s->tgid = get_task_pid(task, PIDTYPE_TGID);
	s->exec_id = READ_ONCE(task->group_leader->self_exec_id);
	put_task_struct(task);

	kmvx_count_file();
	kmvx_count_file();
	atomic_inc(&kmvx_stat_sessions);
	return s;

put_dest:
	fput(s->dest);
free:
	kfree(s);
	return ERR_PTR(err);
}

long kmvx_ioctl_session_start(struct kmvx_client *client,
			      struct mvx_session_start *req,
			      struct mvx_session_start __user *uarg, u32 usize)
{
	struct kmvx_session *s;
	int ret = 0;

	if (req->flags || req->__pad || req->fd < 0 ||
	    (req->mode != MVX_SESSION_REMAP && req->mode != MVX_SESSION_DUP))
		return -EINVAL;

	s = kmvx_session_new(req);
	if (IS_ERR(s))
		return PTR_ERR(s);

	mutex_lock(&client->lock);
	s->client = client;
	/* The id goes out first, so that a bad pointer changes nothing. */
	if (!++client->next_id)
		++client->next_id;
	s->id = client->next_id;
	req->id = s->id;
	if (copy_to_user(uarg, req, min_t(size_t, usize, sizeof(*req)))) {
		ret = -EFAULT;
		goto put;
	}

	mutex_lock(&kmvx_sessions_mutex);
	spin_lock(&kmvx_sessions_lock);
	if (kmvx_session_busy(s->tgid, s->fd)) {
		ret = -EBUSY;
	} else {
		list_add_tail_rcu(&s->node, &kmvx_sessions);
		s->linked = true;
	}
	spin_unlock(&kmvx_sessions_lock);
	if (!ret)
		kmvx_session_hook_process(s->tgid);
	mutex_unlock(&kmvx_sessions_mutex);
	if (ret)
		goto put;

	list_add_tail(&s->client_node, &client->sessions);
	if (s->mode == MVX_SESSION_REMAP) {
		ret = kmvx_remap_run(s, KMVX_WORK_APPLY, KMVX_WAIT_LIMITED);
		if (ret) {
			spin_lock(&kmvx_sessions_lock);
			kmvx_session_mark_ended(s, MVX_END_NONE);
			spin_unlock(&kmvx_sessions_lock);
			/*
			 * A cancelled apply does nothing when it runs, but it
			 * is still queued: then the session stays, nameless,
			 * for kmvx_client_release() to wait for.
			 */
			kmvx_session_unlink(s);
			mutex_lock(&kmvx_sessions_mutex);
			kmvx_session_unhook_if_idle(s->tgid);
			mutex_unlock(&kmvx_sessions_mutex);
			s->id = 0;
			kmvx_session_forget(s, false);
		}
	}
	mutex_unlock(&client->lock);
	return ret;

put:
	mutex_unlock(&client->lock);
	kmvx_session_put(s);
	return ret;
}

long kmvx_ioctl_session_status(struct kmvx_client *client,
			       struct mvx_session_status *req,
			       struct mvx_session_status __user *uarg,
			       u32 usize)
{
	struct kmvx_session *s;

	if (req->__pad)
		return -EINVAL;

	mutex_lock(&client->lock);
	s = kmvx_session_find(client, req->id);
	if (!s) {
		mutex_unlock(&client->lock);
		return -ENOENT;
	}
	kmvx_session_check(s);

	spin_lock(&kmvx_sessions_lock);
	req->state = s->state;
	req->end_reason = s->end_reason;
	spin_unlock(&kmvx_sessions_lock);
	rcu_read_lock();
	req->pid = pid_vnr(s->tgid);
	rcu_read_unlock();
	req->fd = s->fd;
	req->mode = s->mode;
	req->writes = atomic64_read(&s->writes);
	req->bytes = atomic64_read(&s->bytes);
	req->errors = atomic64_read(&s->errors);
	req->skipped = atomic64_read(&s->skipped);
	req->attached_ns = ktime_to_ns(ktime_sub(ktime_get(), s->start));
	mutex_unlock(&client->lock);

	req->size = sizeof(*req);
	if (copy_to_user(uarg, req, min_t(size_t, usize, sizeof(*req))))
		return -EFAULT;
	return 0;
}

/* Set the state of @s, unless it has ended meanwhile (an exec). */
static int kmvx_session_set_state(struct kmvx_session *s, u32 state)
{
	int ret = 0;

	spin_lock(&kmvx_sessions_lock);
	if (s->state == MVX_SESSION_ENDED)
		ret = -ESRCH;
	else
		s->state = state;
	spin_unlock(&kmvx_sessions_lock);
	return ret;
}

static int kmvx_session_pause(struct kmvx_session *s)
{
	int ret = 0;

	if (s->mode == MVX_SESSION_REMAP) {
		ret = kmvx_remap_run(s, KMVX_WORK_UNDO, KMVX_WAIT_LIMITED);
		/* An undo that timed out stays queued: the remap is off. */
		if (ret && !(s->work_queued && s->work_op == KMVX_WORK_UNDO))
			return ret;
	}
	return kmvx_session_set_state(s, MVX_SESSION_PAUSED) ?: ret;
}

static int kmvx_session_resume(struct kmvx_session *s)
{
	int ret = 0;

	if (s->mode == MVX_SESSION_REMAP)
		ret = kmvx_remap_run(s, KMVX_WORK_APPLY, KMVX_WAIT_LIMITED);
	if (ret)
		return ret;
	return kmvx_session_set_state(s, MVX_SESSION_ACTIVE);
}

long kmvx_ioctl_session_ctl(struct kmvx_client *client,
			    struct mvx_session_ctl *req)
{
	struct kmvx_session *s;
	int ret = 0;

	if (req->__pad || req->op < MVX_SESSION_PAUSE ||
	    req->op > MVX_SESSION_END)
		return -EINVAL;

	mutex_lock(&client->lock);
	s = kmvx_session_find(client, req->id);
	if (!s) {
		ret = -ENOENT;
		goto out;
	}
	kmvx_session_check(s);

	if (req->op == MVX_SESSION_END) {
		ret = kmvx_session_end(s, MVX_END_NONE, KMVX_WAIT_LIMITED);
		/* The process closed or replaced the descriptor itself. */
		if (ret == -EBADF || ret == -ESRCH)
			ret = 0;
		kmvx_session_forget(s, false);
	} else if (READ_ONCE(s->state) == MVX_SESSION_ENDED) {
		ret = -ESRCH;
	} else if (req->op == MVX_SESSION_PAUSE) {
		if (s->state == MVX_SESSION_ACTIVE)
			ret = kmvx_session_pause(s);
	} else if (s->state == MVX_SESSION_PAUSED) {
		ret = kmvx_session_resume(s);
	}
out:
	mutex_unlock(&client->lock);
	return ret;
}

/* Every client, for kmvx_clients_revoke(); under kmvx_clients_lock. */
static LIST_HEAD(kmvx_clients);
static DEFINE_MUTEX(kmvx_clients_lock);

struct kmvx_client *kmvx_client_new(void)
{
	struct kmvx_client *client;

	client = kzalloc(sizeof(*client), GFP_KERNEL);
	if (!client)
		return NULL;
	mutex_init(&client->lock);
	INIT_LIST_HEAD(&client->sessions);
	kmvx_watches_init(&client->watches);
	mutex_lock(&kmvx_clients_lock);
	list_add(&client->node, &kmvx_clients);
	mutex_unlock(&kmvx_clients_lock);
	return client;
}

/**
 * kmvx_client_release - end every session of a released /dev/mvx file
 * @client: the file's client
 *
 * Each remap is undone by its process, so this waits until each has
 * run: a stopped process is restored, and this returns, when it
 * continues or is killed.
 */
void kmvx_client_release(struct kmvx_client *client)
{
	struct kmvx_session *s, *tmp;

	mutex_lock(&kmvx_clients_lock);
	list_del(&client->node);
	mutex_unlock(&kmvx_clients_lock);

	mutex_lock(&client->lock);
	list_for_each_entry_safe(s, tmp, &client->sessions, client_node) {
		kmvx_session_end(s, MVX_END_NONE, KMVX_WAIT_IDLE);
		kmvx_session_forget(s, true);
	}
	kmvx_group_release(client->group);
	client->group = NULL;
	mutex_unlock(&client->lock);
	kmvx_watches_release(&client->watches);
	kfree(client);
}

/**
 * kmvx_clients_revoke - end the sessions of every open file of /dev/mvx
 *
 * Called while the module is unloaded, when no other callback of the
 * device runs; the files are not seen again. Returns once every session
 * is freed: a duplicated call that is still in progress (a write blocked
 * on a full pipe, say) holds its session until its exit callback, which
 * must run before the hook goes away.
 */
void kmvx_clients_revoke(void)
{
	struct kmvx_client *client, *tmp;

	list_for_each_entry_safe(client, tmp, &kmvx_clients, node)
		kmvx_client_release(client);
	wait_var_event(&kmvx_stat_sessions, !atomic_read(&kmvx_stat_sessions));
}

/*
 * Whether @s duplicates calls of the current thread on @fd. The check of
 * the file makes a descriptor that the process has since closed, or
 * replaced with dup2(), no longer count.
 */
static bool kmvx_session_dups(struct kmvx_session *s, int fd)
{
	RCU_LOCKDEP_WARN(!rcu_read_lock_held(), "sessions read without RCU");
	return s->mode == MVX_SESSION_DUP && s->tgid == task_tgid(current) &&
	       s->fd == fd && READ_ONCE(s->state) == MVX_SESSION_ACTIVE &&
	       files_lookup_fd_rcu(current->files, fd) == s->orig;
}

/**
 * kmvx_session_get_dup - the session that duplicates the current
 * thread's writes to @fd
 * @fd: the descriptor
 *
 * Return: the session, referenced, or NULL.
 */
struct kmvx_session *kmvx_session_get_dup(int fd)
{
	struct kmvx_session *s, *found = NULL;

	rcu_read_lock();
	list_for_each_entry_rcu(s, &kmvx_sessions, node) {
		if (kmvx_session_dups(s, fd)) {
			if (kref_get_unless_zero(&s->ref))
				found = s;
			break;
		}
	}
	rcu_read_unlock();

	return found;
}

/*
 * The session whose order lock the current thread holds, if any; its
 * reference went with the lock.
 */
struct kmvx_session *kmvx_session_held(void)
{
	struct kmvx_session *s, *found = NULL;

	rcu_read_lock();
	list_for_each_entry_rcu(s, &kmvx_sessions, node) {
		if (READ_ONCE(s->writer) == current) {
			found = s;
			break;
		}
	}
	rcu_read_unlock();

	return found;
}

/* Count a call on a remapped descriptor that reached the destination. */
void kmvx_session_count_remapped(int fd, long ret)
{
	struct kmvx_session *s;

	rcu_read_lock();
	list_for_each_entry_rcu(s, &kmvx_sessions, node) {
		if (s->mode == MVX_SESSION_REMAP &&
		    s->tgid == task_tgid(current) && s->fd == fd &&
		    READ_ONCE(s->state) == MVX_SESSION_ACTIVE &&
		    files_lookup_fd_rcu(current->files, fd) == s->dest) {
			atomic64_inc(&s->writes);
			atomic64_add(ret, &s->bytes);
			break;
		}
	}
	rcu_read_unlock();
}

/**
 * kmvx_session_start_write - make the current thread @s's writer
 * @s: the session, whose order lock the thread holds
 *
 * Return: true if @s is active; the thread then keeps the order lock and
 * its reference until kmvx_session_end_write().
 */
bool kmvx_session_start_write(struct kmvx_session *s)
{
	bool held = false;

	lockdep_assert_held(&s->order);
	spin_lock(&kmvx_sessions_lock);
	if (s->state == MVX_SESSION_ACTIVE) {
		WRITE_ONCE(s->writer, current);
		held = true;
	}
	spin_unlock(&kmvx_sessions_lock);
	return held;
}

/* The current thread is no longer @s's writer; an ended @s leaves now. */
void kmvx_session_end_write(struct kmvx_session *s)
{
	lockdep_assert_held(&s->order);
	spin_lock(&kmvx_sessions_lock);
	WRITE_ONCE(s->writer, NULL);
	if (s->state == MVX_SESSION_ENDED)
		kmvx_session_unlink_locked(s);
	spin_unlock(&kmvx_sessions_lock);
}

/**
 * kmvx_sessions_exec - end the duplicate sessions on @tgid
 * @tgid: a process that has executed a new program
 *
 * The new program's writes are not the sessions'.
 */
void kmvx_sessions_exec(struct pid *tgid)
{
	struct kmvx_session *s, *tmp;

	mutex_lock(&kmvx_sessions_mutex);
	spin_lock(&kmvx_sessions_lock);
	list_for_each_entry_safe(s, tmp, &kmvx_sessions, node) {
		if (s->mode != MVX_SESSION_DUP || s->tgid != tgid ||
		    s->state == MVX_SESSION_ENDED)
			continue;
		kmvx_session_mark_ended(s, MVX_END_EXECED);
	}
	spin_unlock(&kmvx_sessions_lock);
	kmvx_session_unhook_if_idle(tgid);
	mutex_unlock(&kmvx_sessions_mutex);
}
