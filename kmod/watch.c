// SPDX-License-Identifier: GPL-2.0
/*
 * watch.c - MVX_IOC_MONITOR_INFO and MVX_IOC_MONITOR_READ: a process's
 * monitor seen from an open file of /dev/mvx, and the watch that keeps
 * it past the process's exit
 *
 * A process's last calls are written to its record area just before it
 * exits, and the area goes with the process's last monitor reference.
 * So that a watcher still reads them, and learns how the process ended,
 * each open file holds a reference to the monitors of the last
 * MVX_MONITOR_WATCH_MAX processes it saw active, and to their leaders.
 */
#include <linux/bitmap.h>
#include <linux/mm.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "monitor.h"
#include "target.h"
#include "watch.h"

void kmvx_watches_init(struct kmvx_watches *ws)
{
	mutex_init(&ws->lock);
}

static void kmvx_watch_drop(struct kmvx_watch *w)
{
	kmvx_monitor_put(w->mon);
	put_pid_ns(w->ns);
	put_task_struct(w->task);
	memset(w, 0, sizeof(*w));
}

void kmvx_watches_release(struct kmvx_watches *ws)
{
	u32 i;

	mutex_lock(&ws->lock);
	for (i = 0; i < ARRAY_SIZE(ws->w); i++)
		if (ws->w[i].task)
			kmvx_watch_drop(&ws->w[i]);
	mutex_unlock(&ws->lock);
}

/*
 * The watch to use for @leader named @nr: its own, else that of an
 * earlier process with the same number, else a free one, else the one
 * used longest ago.
 */
static struct kmvx_watch *kmvx_watch_slot(struct kmvx_watches *ws, pid_t nr,
					  struct task_struct *leader)
{
	struct kmvx_watch *same_nr = NULL, *free = NULL, *oldest = &ws->w[0];
	u32 i;

	lockdep_assert_held(&ws->lock);
	for (i = 0; i < ARRAY_SIZE(ws->w); i++) {
		struct kmvx_watch *w = &ws->w[i];

		if (!w->task) {
			free = free ?: w;
			continue;
		}
		if (w->task == leader)
			return w;
		if (w->nr == nr)
			same_nr = w;
		if (w->used < oldest->used)
			oldest = w;
	}
	return same_nr ?: free ?: oldest;
}

/**
 * kmvx_watch_note - remember that process @task, named @nr, has monitor @m
 * @ws: the open file's watch
 * @nr: the pid the caller gave
 * @task: any thread of the process
 * @m: its active monitor; the watch takes a reference of its own
 */
void kmvx_watch_note(struct kmvx_watches *ws, pid_t nr,
		     struct task_struct *task, struct kmvx_monitor *m)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct task_struct *leader = NULL;
	struct kmvx_watch *w;

	/* A released thread's group_leader may be gone already. */
	rcu_read_lock();
	if (pid_alive(task)) {
		leader = READ_ONCE(task->group_leader);
		get_task_struct(leader);
	}
	rcu_read_unlock();
	if (!leader)
		return;

	mutex_lock(&ws->lock);
	w = kmvx_watch_slot(ws, nr, leader);
	if (w->task == leader) {
		put_task_struct(leader);
	} else {
		if (w->task)
			kmvx_watch_drop(w);
		w->task = leader;
	}
	if (w->mon != m) {
		kmvx_monitor_put(w->mon);
		w->mon = kmvx_monitor_hold(m);
	}
	if (w->ns != ns) {
		put_pid_ns(w->ns);
		w->ns = get_pid_ns(ns);
	}
	w->nr = nr;
	w->exec_id = READ_ONCE(leader->self_exec_id);
	w->used = ++ws->clock;
	mutex_unlock(&ws->lock);
}

/*
 * Whether every thread of @leader's process has exited, and @leader's
 * exit code is set: do_exit() counts a thread out of signal->live before
 * it sets its exit_code, and sets exit_state after.
 */
static bool kmvx_watch_gone(struct task_struct *leader)
{
	if (atomic_read(&leader->signal->live) || !READ_ONCE(leader->exit_state))
		return false;
	smp_rmb();	/* exit_code and group_exit_code after exit_state */
	return true;
}

/* Whether @w's monitor is still its process's: no execve() since. */
static bool kmvx_watch_current(const struct kmvx_watch *w)
{
	return thread_group_leader(w->task) &&
	       READ_ONCE(w->task->self_exec_id) == w->exec_id;
}

/*
 * Whether @nr, in the caller's namespace, names no task now but @leader
 * (a thread of another process counts: pids and thread ids are one space).
 */
static bool kmvx_watch_still_names(pid_t nr, struct task_struct *leader)
{
	struct task_struct *now = kmvx_task_get(nr);
	bool same = !now || now == leader;

	if (now)
		put_task_struct(now);
	return same;
}

/**
 * kmvx_watch_find - the monitor the file watched of the process @nr names
 * @ws: the open file's watch
 * @nr: the pid the caller gave, in the caller's pid namespace
 * @state: set to MVX_MON_EXITED once every thread has exited, else to
 *	MVX_MON_ACTIVE (the process is exiting, or its leader's memory is
 *	gone)
 * @status: for MVX_MON_EXITED, the exit status as waitpid() reports it
 *
 * Return: the monitor, referenced, or NULL if @nr names no process the
 * file watched, names another one now, or the process has executed
 * another program since.
 */
struct kmvx_monitor *kmvx_watch_find(struct kmvx_watches *ws, pid_t nr,
				     u32 *state, int *status)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct kmvx_monitor *m = NULL;
	struct task_struct *leader;
	u32 i;

	mutex_lock(&ws->lock);
	for (i = 0; i < ARRAY_SIZE(ws->w); i++) {
		struct kmvx_watch *w = &ws->w[i];

		leader = w->task;
		if (!leader || w->nr != nr || w->ns != ns ||
		    !kmvx_watch_current(w) ||
		    !kmvx_watch_still_names(nr, leader))
			continue;
		if (kmvx_watch_gone(leader)) {
			*state = MVX_MON_EXITED;
			/* As wait_task_zombie() computes it. */
			*status = (leader->signal->flags & SIGNAL_GROUP_EXIT) ?
				  leader->signal->group_exit_code :
				  leader->exit_code;
		} else {
			*state = MVX_MON_ACTIVE;
		}
		m = kmvx_monitor_hold(w->mon);
		w->used = ++ws->clock;
		break;
	}
	mutex_unlock(&ws->lock);
	return m;
}

/*
 * The monitor of process @nr, as open file @ws sees it: the live
 * process's (@state MVX_MON_ACTIVE), which the file then watches, or,
 * once the process is exiting or has exited, the one its watch kept
 * (MVX_MON_EXITED, with @status, when every thread has exited). A
 * process the caller may not ptrace gets no answer from the watch.
 * Return: the monitor, referenced; NULL with @state MVX_MON_NONE or
 * MVX_MON_AWAITING; or the lookup's ERR_PTR.
 */
static struct kmvx_monitor *kmvx_monitor_watched(struct kmvx_watches *ws,
						 pid_t nr, u32 *state,
						 int *status)
{
	struct task_struct *task = kmvx_target_get(nr);
	struct kmvx_monitor *m;

	if (IS_ERR(task)) {
		m = PTR_ERR(task) == -EPERM ? NULL :
		    kmvx_watch_find(ws, nr, state, status);
		return m ?: ERR_CAST(task);
	}
	m = kmvx_monitor_of(task);
	if (m) {
		kmvx_watch_note(ws, nr, task, m);
		*state = MVX_MON_ACTIVE;
	} else {
		m = kmvx_watch_find(ws, nr, state, status);
		if (!m)
			*state = kmvx_monitor_awaiting(task) ?
				 MVX_MON_AWAITING : MVX_MON_NONE;
	}
	put_task_struct(task);
	return m;
}

long kmvx_ioctl_monitor_info(struct kmvx_watches *ws,
			     struct mvx_monitor_info *info,
			     struct mvx_monitor_info __user *uarg, u32 usize)
{
	struct kmvx_monitor *m;
	int status = 0;
	u32 state;

	if (info->__pad || info->__pad2)
		return -EINVAL;
	m = kmvx_monitor_watched(ws, info->pid, &state, &status);
	if (IS_ERR(m))
		return PTR_ERR(m);

	memset(&info->state, 0,
	       sizeof(*info) - offsetof(typeof(*info), state));
	info->state = state;
	if (m) {
		info->nr_ranges = m->nr_ranges;
		info->entry = m->entry;
		info->records = m->records;
		info->records_size = m->records_size;
		info->excursions = atomic64_read(&m->excursions);
		info->refused = atomic64_read(&m->refused);
		info->exempt_count = bitmap_weight(m->exempt, MVX_SYSCALL_MAX);
		memcpy(info->ranges, m->ranges, sizeof(info->ranges));
		bitmap_to_arr64(info->exempt, m->exempt, MVX_SYSCALL_MAX);
		if (state == MVX_MON_EXITED)
			info->exit_status = status;
		kmvx_monitor_put(m);
	}

	info->size = sizeof(*info);
	if (copy_to_user(uarg, info, min_t(size_t, usize, sizeof(*info))))
		return -EFAULT;
	return 0;
}

/* Reads the record area from kmvx's own pages: no fault, no stopping. */
static int kmvx_monitor_read_records(struct kmvx_monitor *m, u64 offset,
				     void *buf, size_t len)
{
	struct kmvx_area *a = kmvx_monitor_area(m, m->records + offset);
	void *src;

	if (!a)
		return -EINVAL;
	if (!a->kaddr)
		return -EAGAIN;
	src = kmvx_area_kaddr(a, m->records + offset, len);
	if (!src)
		return -EINVAL;
	memcpy(buf, src, len);
	return 0;
}

long kmvx_ioctl_monitor_read(struct kmvx_watches *ws,
			     struct mvx_monitor_read *rd)
{
	struct kmvx_monitor *m;
	void *buf = NULL;
	int status;
	u32 state;
	int ret;

	if (rd->__pad || rd->len > MVX_MONITOR_READ_MAX)
		return -EINVAL;
	m = kmvx_monitor_watched(ws, rd->pid, &state, &status);
	if (IS_ERR(m))
		return PTR_ERR(m);
	if (!m)
		return -ENODATA;
	if (rd->offset > m->records_size ||
	    rd->len > m->records_size - rd->offset) {
		ret = -EINVAL;
		goto out;
	}
	ret = 0;
	if (!rd->len)
		goto out;
	buf = kvmalloc(rd->len, GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto out;
	}
	ret = kmvx_monitor_read_records(m, rd->offset, buf, rd->len);
	if (!ret && copy_to_user(u64_to_user_ptr(rd->buf), buf, rd->len))
		ret = -EFAULT;
out:
	kvfree(buf);
	kmvx_monitor_put(m);
	return ret;
}
