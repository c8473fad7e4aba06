/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_WATCH_H
#define KMVX_WATCH_H

#include <linux/compiler_types.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include <mvx.h>

struct kmvx_monitor;
struct pid_namespace;
struct task_struct;

/**
 * struct kmvx_watch - a process whose monitor an open file has seen
 * @task: the process's thread group leader, referenced: its
 *	signal_struct says when every thread has exited, and how
 * @mon: the monitor last seen, referenced, so that its record area
 *	outlives the process
 * @ns: the pid namespace of the caller that named it, referenced
 * @nr: the pid that caller named it by
 * @exec_id: @task's self_exec_id then: @mon is the process's monitor
 *	only while the leader has not executed another program since
 * @used: when the file last named it, to replace the oldest
 */
struct kmvx_watch {
	struct task_struct *task;
	struct kmvx_monitor *mon;
	struct pid_namespace *ns;
	pid_t nr;
	u32 exec_id;
	u64 used;
};

/**
 * struct kmvx_watches - the watch of one open file of /dev/mvx
 * @lock: protects everything below
 * @clock: counts the times a watch was used
 * @w: the watches; @w[i].task is NULL for a free one
 */
struct kmvx_watches {
	struct mutex lock;
	u64 clock;
	struct kmvx_watch w[MVX_MONITOR_WATCH_MAX];
};

void kmvx_watches_init(struct kmvx_watches *ws);
void kmvx_watches_release(struct kmvx_watches *ws);
void kmvx_watch_note(struct kmvx_watches *ws, pid_t nr,
		     struct task_struct *task, struct kmvx_monitor *m);
struct kmvx_monitor *kmvx_watch_find(struct kmvx_watches *ws, pid_t nr,
				     u32 *state, int *status);

/* The ioctls, given the request device.c copied in. */
long kmvx_ioctl_monitor_info(struct kmvx_watches *ws,
			     struct mvx_monitor_info *info,
			     struct mvx_monitor_info __user *uarg, u32 usize);
long kmvx_ioctl_monitor_read(struct kmvx_watches *ws,
			     struct mvx_monitor_read *rd);

#endif /* KMVX_WATCH_H */
