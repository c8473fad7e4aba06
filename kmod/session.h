/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_SESSION_H
#define MVX_SESSION_H

#include <linux/completion.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/spinlock.h>
#include <linux/task_work.h>
#include <linux/types.h>

struct file;
struct pid;

/*
 * One open file of /dev/mvx. Its sessions end, and their processes are
 * restored, when the file is released or the module is unloaded.
 */
struct mvx_client {
	struct list_head node;		/* in mvx_clients */
	struct mutex lock;		/* sessions, next_id */
	struct list_head sessions;
	u32 next_id;
};

/* What the target runs for a remap session (see remap.c). */
enum mvx_work_op {
	MVX_WORK_APPLY,
	MVX_WORK_UNDO,
};

/**
 * struct mvx_session - a remap or duplicate of one descriptor's writes
 * @ref: held by the client's list and by each duplicating system call
 *	in flight
 * @client_node: in mvx_client.sessions
 * @node: in mvx_sessions while the session lives or a call still
 *	duplicates for it; under mvx_sessions_lock, read under RCU
 * @rcu: frees the session after readers of mvx_sessions are done
 * @id: the session's id on its client
 * @mode: MVX_SESSION_REMAP or MVX_SESSION_DUP
 * @fd: the descriptor in the target
 * @tgid: the target process; one of its threads runs the session's
 *	work, all of them duplicate
 * @exec_id: the self_exec_id of its leader when the session started
 * @orig: the file @fd held when the session started (a reference)
 * @dest: the destination the caller opened (a reference)
 * @orig_from_table: the session holds the reference @fd's slot had on
 *	@orig, because the remap is applied
 * @start: when the session started
 * @state: enum mvx_session_state; under mvx_sessions_lock
 * @end_reason: enum mvx_session_end; under mvx_sessions_lock
 * @linked: on mvx_sessions; under mvx_sessions_lock
 * @writer: the thread whose duplicated call holds @order, or NULL;
 *	under mvx_sessions_lock
 * @order: held from entry to exit of each duplicated call, so that the
 *	copies reach @dest in the order the calls completed
 * @writes: @bytes: @errors: @skipped: counters reported to the client
 * @work: queued on the target to apply or undo a remap
 * @work_op: enum mvx_work_op of @work
 * @work_ret: what @work returned
 * @work_ran: @work has started; under mvx_sessions_lock
 * @work_cancelled: @work is to do nothing when it runs; under
 *	mvx_sessions_lock
 * @work_queued: @work was queued and nobody has seen it complete; the
 *	session must not be freed before that
 * @work_done: completed as the last thing @work does
 */
struct mvx_session {
	struct kref ref;
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

	struct callback_head work;
	enum mvx_work_op work_op;
	int work_ret;
	bool work_ran;
	bool work_cancelled;
	bool work_queued;
	struct completion work_done;
};

extern struct list_head mvx_sessions;
extern spinlock_t mvx_sessions_lock;
extern struct mutex mvx_sessions_mutex;

struct mvx_client *mvx_client_new(void);
void mvx_client_release(struct mvx_client *client);
void mvx_clients_revoke(void);

long mvx_ioctl_session_start(struct mvx_client *client, void __user *uarg);
long mvx_ioctl_session_status(struct mvx_client *client, void __user *uarg);
long mvx_ioctl_session_ctl(struct mvx_client *client, void __user *uarg);

void mvx_session_put(struct mvx_session *s);
void mvx_session_mark_ended(struct mvx_session *s, u32 reason);
void mvx_session_unlink_locked(struct mvx_session *s);

#endif /* MVX_SESSION_H */
