/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_SESSION_H
#define KMVX_SESSION_H

#include <linux/completion.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/mvx_hook.h>
#include <linux/rculist.h>
#include <linux/spinlock.h>
#include <linux/task_work.h>
#include <linux/types.h>

#include <mvx.h>

#include "watch.h"

struct file;
struct kmvx_group;
struct pid;

/*
 * One open file of /dev/mvx. Its sessions end, and their processes are
 * restored, when the file is released or the module is unloaded.
 */
struct kmvx_client {
	struct list_head node;		/* under kmvx_clients_lock */
	struct mutex lock;		/* sessions, next_id */
	struct list_head sessions;
	u32 next_id;
	struct kmvx_watches watches;	/* its own lock */
	struct kmvx_group *group;	/* under @lock */
};

/* What the target runs for a remap session (see remap.c). */
enum kmvx_work_op {
	KMVX_WORK_APPLY,
	KMVX_WORK_UNDO,
};

/**
 * struct kmvx_session - a remap or duplicate of one descriptor's writes
 * @ref: held by the client's list and by each duplicating system call
 *	in flight
 * @client: the client it belongs to; its lock serialises everything the
 *	client does with the session, remap work included
 * @client_node: in kmvx_client.sessions, under @client's lock
 * @node: in the list of linked sessions (session.c) while the session
 *	lives or a call still duplicates for it; under kmvx_sessions_lock,
 *	read under RCU
 * @rcu: frees the session after readers of that list are done
 * @id: the session's id on its client
 * @mode: MVX_SESSION_REMAP or MVX_SESSION_DUP
 * @fd: the descriptor in the target
 * @tgid: the target process; one of its threads runs the session's
 *	work, all of them duplicate
 * @exec_id: the self_exec_id of its leader when the session started
 * @orig: the file @fd held when the session started (a reference)
 * @dest: the destination the caller opened (a reference)
 * @orig_from_table: the session holds the reference @fd's slot had on
 *	@orig, because the remap is applied; under @work_lock
 * @start: when the session started
 * @state: enum mvx_session_state; under kmvx_sessions_lock
 * @end_reason: enum mvx_session_end; under kmvx_sessions_lock
 * @linked: on the list of linked sessions; under kmvx_sessions_lock
 * @writer: the thread whose duplicated call holds @order, or NULL;
 *	under kmvx_sessions_lock
 * @order: held from entry to exit of each duplicated call, so that the
 *	copies reach @dest in the order the calls completed
 * @writes: counted for MVX_IOC_SESSION_STATUS, as are
 * @bytes:
 * @errors:
 * @skipped:
 * @work_lock: serialises @work with the client's apply, undo and cancel
 * @work: queued on the target to apply or undo a remap; its completion
 *	is completed once the work has returned
 * @work_op: enum kmvx_work_op of @work; set under @client's lock before
 *	@work is queued
 * @work_ret: what @work returned; set under @work_lock
 * @work_ran: @work has started; under @work_lock
 * @work_cancelled: @work is to do nothing when it runs; under @work_lock
 * @work_queued: @work was queued and nobody has seen it complete; the
 *	session must not be freed before that; under @client's lock
 */
struct kmvx_session {
	struct kref ref;
	struct kmvx_client *client;
	struct list_head client_node;
	struct list_head node;
	struct rcu_head rcu;

	u32 id;
	u32 mode;
	int fd;
	struct pid *tgid;
	u64 exec_id;
	struct file *orig;
	struct file *dest;
	bool orig_from_table;
	ktime_t start;

	u32 state;
	u32 end_reason;
	bool linked;
	struct task_struct *writer;
	struct mutex order;	/* see @order above */

	atomic64_t writes;
	atomic64_t bytes;
	atomic64_t errors;
	atomic64_t skipped;

	spinlock_t work_lock;
	struct mvx_hook_work work;
	enum kmvx_work_op work_op;
	int work_ret;
	bool work_ran;
	bool work_cancelled;
	bool work_queued;
};

/* The open files of /dev/mvx (device.c). */
struct kmvx_client *kmvx_client_new(void);
void kmvx_client_release(struct kmvx_client *client);
void kmvx_clients_revoke(void);

/* The ioctls, given the request device.c copied in. */
long kmvx_ioctl_session_start(struct kmvx_client *client,
			      struct mvx_session_start *req,
			      struct mvx_session_start __user *uarg, u32 usize);
long kmvx_ioctl_session_status(struct kmvx_client *client,
			       struct mvx_session_status *req,
			       struct mvx_session_status __user *uarg,
			       u32 usize);
long kmvx_ioctl_session_ctl(struct kmvx_client *client,
			    struct mvx_session_ctl *req);

/* The linked sessions, for the duplicating hook (dup.c). */
void kmvx_session_put(struct kmvx_session *s);
bool kmvx_sessions_need_hook(struct pid *tgid);
struct kmvx_session *kmvx_session_get_dup(int fd);
struct kmvx_session *kmvx_session_held(void);
void kmvx_session_count_remapped(int fd, long ret);
bool kmvx_session_start_write(struct kmvx_session *s);
void kmvx_session_end_write(struct kmvx_session *s);
void kmvx_sessions_exec(struct pid *tgid);

#endif /* KMVX_SESSION_H */
