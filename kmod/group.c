// SPDX-License-Identifier: GPL-2.0
/*
 * Groups of variants: N processes that run one program in lockstep, the
 * leader doing its I/O, every call compared (uapi header, "Groups";
 * doc/MVX.md).
 *
 * Each variant's monitor describes the call its excursion is about
 * (mvx(MVX_CALL_GROUP)); at the excursion's return the variant meets the
 * others here. The leader publishes its description and inputs for call
 * number @seq of the group's sequence; each follower waits for them and
 * compares its own; once every follower has matched, every variant goes
 * on. For a call the leader alone runs, the leader's exit callback
 * publishes the result and the output bytes, and each follower copies
 * them into its own memory and returns the result without running the
 * call. The leader cannot publish call @seq + 1 before every follower
 * has matched it, which each does only after it has taken call @seq's
 * result: one slot for each is enough.
 *
 * Each thread has a sequence of its own. Thread k of every variant pairs
 * with thread k of the others, by creation: a clone() of a thread in
 * every variant makes a *lane*, which the new threads join, and the
 * description, slot and result above are a lane's. Threads of a variant
 * wait for each other through futexes in their own memory: those calls
 * are not in any sequence (kmvx_group_own_call()).
 *
 * Anything else stops the group: every variant is killed before any of
 * them runs the call, and the first cause is kept for the controller.
 * Waits are killable, and a variant that dies stops the group, so no
 * variant waits for one that is gone.
 *
 * A fork in a group forks every variant, and the children form a group
 * of their own, with the same indexes; the groups that descend from one
 * controller's make a tree, which stops as a whole (every variant of
 * every group killed) and keeps one report. Process ids are the
 * leader's: a follower's fork returns the leader's child's id, and the
 * ids a variant passes to kill(), wait4() and the like are translated to
 * its own, its results back (the tree maps them, group by group).
 */

#include <linux/anon_inodes.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/eventpoll.h>
#include <linux/futex.h>
#include <linux/mman.h>
#include <linux/mutex.h>
#include <linux/mvx_hook.h>
#include <linux/pid.h>
#include <linux/refcount.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <uapi/linux/wait.h>
#include <asm/unistd.h>

#include "epdata.h"
#include "fdnum.h"
#include "group.h"
#include "monitor.h"
#include "parts.h"

/**
 * struct kmvx_tree - the groups that descend from one controller's
 * @ref: held by each group
 * @lock: everything below, and each group's @pids; taken after a
 *	group's lock
 * @stopped: the tree has stopped; @report says why
 * @report: the first cause
 * @groups: struct kmvx_group.node
 */
struct kmvx_tree {
	refcount_t ref;
	struct mutex lock;
	bool stopped;
	struct mvx_group_status report;
	struct list_head groups;
};

/* Most signals whose siginfo the leader hands on at once; others get none. */
#define KMVX_SIGS_MAX	8

/* The signals a leader takes at the return from one call. */
struct kmvx_sigs {
	sigset_t set;
	u32 n;
	int sig[KMVX_SIGS_MAX];
	kernel_siginfo_t info[KMVX_SIGS_MAX];
};

/* Why a tree stops, for kmvx_group_stop(). */
struct kmvx_stop {
	u32 cause;
	u32 variant;
	u32 thread;
	u64 seq;
	u64 nr;
	u64 other_nr;
	s64 detail;
	const struct kmvx_parts_diff *diff;
};

/**
 * struct kmvx_lane - thread k of every variant of a group: one sequence
 * of calls, met in lockstep, one slot
 * @node: in the group's @lanes; under the tree's lock as well
 * @users: held by the group (lane 0), by the lane whose clone made it
 *	(@thread), and by each variant's side that is in it
 * @id: k: lane 0 is the variants' first thread, lane k the threads that
 *	the variants' clone number @thread_seq - 1 of another lane made
 * @tids: each variant's thread; under the tree's lock as well
 * @have: @call and @in hold the leader's call number @seq
 * @seq: the leader's current call
 * @matched: variants that have matched call @seq, the leader included
 * @call: the leader's description of call @seq
 * @action: the leader's monitor's verdict on it (MVX_ACT_*)
 * @in: its inputs
 * @posted: @out, @result and @sigs hold what call @posted_seq gave
 * @posted_seq: the last call whose result the leader published
 * @sigs: the signals the leader takes on its return from that call
 * @result: its result
 * @cloexec: bit 0: the leader's new descriptor (MVX_CALL_RET_FD) is
 *	close-on-exec; bit k + 1: the k-th descriptor of MVX_PART_FDS parts
 * @out: its output bytes
 * @values: what the leader read for an instruction (kmvx_group_values())
 *	posted as call @posted_seq
 * @child: the group of the children of the variants' fork number
 *	@child_seq - 1 (0: none yet)
 * @child_seq: see @child
 * @thread: the lane of the threads that the variants' clone number
 *	@thread_seq - 1 made, referenced (0: none yet)
 * @thread_seq: see @thread
 * @made: the leader's clone that made this lane has returned @made_ret
 * @made_ret: its result
 */
struct kmvx_lane {
	struct list_head node;
	u32 users;
	u32 id;
	struct pid *tids[MVX_GROUP_MAX];
	bool have;
	u64 seq;
	u32 matched;
	struct mvx_group_call call;
	unsigned long action;
	struct kmvx_parts in;
	bool posted;
	u64 posted_seq;
	struct kmvx_sigs sigs;
	long result;
	u32 cloexec;
	struct kmvx_parts out;
	u64 values[KMVX_GROUP_VALUES];
	struct kmvx_group *child;
	u64 child_seq;
	struct kmvx_lane *thread;
	u64 thread_seq;
	bool made;
	long made_ret;
};

/**
 * struct kmvx_group - a group of variants
 * @ref: held by the controller's file (or the group it forked from) and
 *	by each variant
 * @tree: its tree, referenced
 * @node: in @tree->groups
 * @lock: everything below, and the lanes
 * @wq: variants waiting for each other
 * @n: variants
 * @joined: bit i: variant i has joined
 * @exiting: bit i: variant i made an exit_group() that every variant made
 * @ended: bit i: variant i exited by a call every variant made
 * @dead: bit i: variant i died otherwise, with @dead_code[i]
 * @dead_code: see @dead
 * @state: MVX_GROUP_STARTING, RUNNING or ENDED (the tree says STOPPED)
 * @pids: each variant's process, once joined or forked; under the tree's
 *	lock as well
 * @lanes: struct kmvx_lane.node, lane 0 first
 * @nr_lanes: lanes made, the next one's id
 * @children: the groups of the variants' children not yet reaped by
 *	every variant, by @sibling, referenced: they map the children's ids
 * @sibling: in the parent group's @children
 * @reaped: bit i: variant i's parent has reaped variant i; under the
 *	parent group's lock
 * @forked: the leader's fork that made this group has returned @fork_ret
 * @fork_ret: its result
 * @ep: each variant's epoll data (epdata.c)
 */
struct kmvx_group {
	refcount_t ref;
	struct kmvx_tree *tree;
	struct list_head node;
	struct mutex lock;
	wait_queue_head_t wq;
	u32 n;
	u32 joined;
	u32 exiting;
	u32 ended;
	u32 dead;
	int dead_code[MVX_GROUP_MAX];
	u32 state;
	struct pid *pids[MVX_GROUP_MAX];
	struct list_head lanes;
	u32 nr_lanes;
	struct list_head children;
	struct list_head sibling;
	u32 reaped;
	bool forked;
	long fork_ret;
	struct kmvx_epdata ep[MVX_GROUP_MAX];
};

/**
 * struct kmvx_variant - a variant's thread's side (struct kmvx_task.var)
 * @g: its group, referenced
 * @lane: its lane, referenced (a user)
 * @index: 0 for the leader
 * @seq: the number of its next call in the lane's sequence
 * @described: @call describes the call of the excursion in progress
 * @await: it has executed a program and its monitor has not registered
 * @met: its current call went through kmvx_group_meet(): at its return
 *	the leader publishes what the call gave, a follower takes it
 * @last: its last call matched, and ends it (exit, exit_group)
 * @forking: its call is a fork or makes a thread: @child or @thread is
 *	the group or the lane of the children
 * @child: see @forking, referenced
 * @thread: see @forking, referenced (a user)
 * @spare: the child's side, made before the fork (the fork callback may
 *	not allocate)
 * @call: its monitor's description of the call
 */
struct kmvx_variant {
	struct kmvx_group *g;
	struct kmvx_lane *lane;
	u32 index;
	u64 seq;
	bool described;
	bool await;
	bool met;
	bool last;
	bool forking;
	struct kmvx_group *child;
	struct kmvx_lane *thread;
	struct kmvx_variant *spare;
	struct mvx_group_call call;
};

/* Descriptors a follower holds where the leader has one of its own. */
static const struct file_operations kmvx_placeholder_fops = {
	.owner	= THIS_MODULE,
	.llseek	= noop_llseek,
};

static void kmvx_tree_put(struct kmvx_tree *tr)
{
	if (refcount_dec_and_test(&tr->ref))
		kfree(tr);
}

static void kmvx_lane_put(struct kmvx_group *g, struct kmvx_lane *l);

/* A new lane of @g, with one user (the caller's). */
static struct kmvx_lane *kmvx_lane_new(struct kmvx_group *g)
{
	struct kmvx_lane *l = kzalloc(sizeof(*l), GFP_KERNEL_ACCOUNT);

	if (!l)
		return NULL;
	l->users = 1;
	mutex_lock(&g->tree->lock);
	l->id = g->nr_lanes++;
	list_add_tail(&l->node, &g->lanes);
	mutex_unlock(&g->tree->lock);
	return l;
}

static struct kmvx_lane *kmvx_lane_get(struct kmvx_lane *l)
{
	l->users++;
	return l;
}

/* Frees lane @l of @g, unlinked already, but for its @thread. */
static void kmvx_lane_free(struct kmvx_group *g, struct kmvx_lane *l)
{
	u32 i;

	for (i = 0; i < g->n; i++)
		put_pid(l->tids[i]);
	kmvx_parts_free(&l->in);
	kmvx_parts_free(&l->out);
	kmvx_group_put(l->child);
	kfree(l);
}

/*
 * Drops a user of lane @l of @g; the last one frees it, and drops its use
 * of the lane its last clone made: in a loop, since threads that each made
 * the next and ended make a chain as long as the program likes.
 */
static void kmvx_lane_put(struct kmvx_group *g, struct kmvx_lane *l)
{
	struct kmvx_lane *next;

	lockdep_assert_held(&g->lock);
	while (l && !--l->users) {
		next = l->thread;
		mutex_lock(&g->tree->lock);
		list_del(&l->node);
		mutex_unlock(&g->tree->lock);
		kmvx_lane_free(g, l);
		l = next;
	}
}

static void kmvx_group_free(struct kmvx_group *g)
{
	struct kmvx_tree *tr = g->tree;
	struct kmvx_group *c, *tmp;
	struct kmvx_lane *l, *ltmp;
	u32 i;

	mutex_lock(&tr->lock);
	list_del(&g->node);
	mutex_unlock(&tr->lock);
	/* Nothing uses a lane now; a lane's @thread is in the list too. */
	list_for_each_entry_safe(l, ltmp, &g->lanes, node)
		kmvx_lane_free(g, l);
	for (i = 0; i < g->n; i++) {
		put_pid(g->pids[i]);
		kmvx_epdata_free(&g->ep[i]);
	}
	list_for_each_entry_safe(c, tmp, &g->children, sibling)
		kmvx_group_put(c);
	kfree(g);
	kmvx_tree_put(tr);
}

void kmvx_group_put(struct kmvx_group *g)
{
	if (g && refcount_dec_and_test(&g->ref))
		kmvx_group_free(g);
}

static struct kmvx_group *kmvx_group_get(struct kmvx_group *g)
{
	refcount_inc(&g->ref);
	return g;
}

/* A new group of @n in @tr, or in a new tree if @tr is NULL; lane 0. */
static struct kmvx_group *kmvx_group_new(u32 n, struct kmvx_tree *tr)
{
	struct kmvx_group *g = kzalloc(sizeof(*g), GFP_KERNEL_ACCOUNT);

	if (!g)
		return NULL;
	if (!tr) {
		tr = kzalloc(sizeof(*tr), GFP_KERNEL_ACCOUNT);
		if (!tr) {
			kfree(g);
			return NULL;
		}
		refcount_set(&tr->ref, 1);
		mutex_init(&tr->lock);
		INIT_LIST_HEAD(&tr->groups);
	} else {
		refcount_inc(&tr->ref);
	}
	refcount_set(&g->ref, 1);
	g->tree = tr;
	mutex_init(&g->lock);
	init_waitqueue_head(&g->wq);
	INIT_LIST_HEAD(&g->children);
	INIT_LIST_HEAD(&g->lanes);
	g->n = n;
	g->state = MVX_GROUP_STARTING;
	mutex_lock(&tr->lock);
	list_add(&g->node, &tr->groups);
	mutex_unlock(&tr->lock);
	/* The group's own use of lane 0, dropped when it is freed. */
	if (!kmvx_lane_new(g)) {
		kmvx_group_put(g);
		return NULL;
	}
	return g;
}

/* Lane 0 of @g. */
static struct kmvx_lane *kmvx_group_lane0(struct kmvx_group *g)
{
	return list_first_entry(&g->lanes, struct kmvx_lane, node);
}

static bool kmvx_group_stopped(struct kmvx_group *g)
{
	return READ_ONCE(g->tree->stopped);
}

/*
 * Stops @g's tree for @why: the first cause is kept, every variant of
 * every group is killed and every waiting one woken.
 */
static void kmvx_group_stop(struct kmvx_group *g, const struct kmvx_stop *why)
{
	struct kmvx_tree *tr = g->tree;
	struct mvx_group_status *r = &tr->report;
	struct kmvx_group *each;
	u32 i;

	lockdep_assert_held(&g->lock);
	mutex_lock(&tr->lock);
	if (tr->stopped) {
		mutex_unlock(&tr->lock);
		return;
	}
	WRITE_ONCE(tr->stopped, true);
	r->cause = why->cause;
	r->variant = why->variant;
	r->thread = why->thread;
	r->seq = why->seq;
	r->nr = why->nr;
	r->other_nr = why->other_nr;
	r->detail = why->detail;
	if (why->diff) {
		r->part = why->diff->part;
		r->offset = why->diff->offset;
		memcpy(r->len, why->diff->len, sizeof(r->len));
		memcpy(r->bytes, why->diff->bytes, sizeof(r->bytes));
	}
	list_for_each_entry(each, &tr->groups, node) {
		for (i = 0; i < each->n; i++)
			if (each->pids[i])
				kill_pid(each->pids[i], SIGKILL, 1);
		wake_up_all(&each->wq);
	}
	mutex_unlock(&tr->lock);
}

/* Stops @g's tree for @cause, found by @v at its current call. */
static void kmvx_group_stop_at(struct kmvx_group *g, struct kmvx_variant *v,
			       u32 cause, u64 nr, s64 detail)
{
	struct kmvx_stop why = {
		.cause = cause, .variant = v->index, .thread = v->lane->id,
		.seq = v->seq,
		.nr = nr, .detail = detail,
	};

	kmvx_group_stop(g, &why);
}

/* Whether @from is @nr and @to is known: then @to is the other's id. */
static bool kmvx_pid_maps(struct pid *from, struct pid *to, pid_t nr)
{
	return from && to && pid_vnr(from) == nr;
}

/*
 * Process or thread id @nr as variant @from sees it, as variant @to
 * does: the ids of the tree's variants map group by group, their
 * threads' lane by lane; any other id is the same.
 */
static pid_t kmvx_tree_translate(struct kmvx_tree *tr, pid_t nr, u32 from,
				 u32 to)
{
	struct kmvx_group *g;
	struct kmvx_lane *l;
	pid_t ret = nr;

	if (from == to || nr <= 0)
		return nr;
	mutex_lock(&tr->lock);
	list_for_each_entry(g, &tr->groups, node) {
		if (from >= g->n || to >= g->n)
			continue;
		if (kmvx_pid_maps(g->pids[from], g->pids[to], nr)) {
			ret = pid_vnr(g->pids[to]);
			goto out;
		}
		list_for_each_entry(l, &g->lanes, node) {
			if (kmvx_pid_maps(l->tids[from], l->tids[to], nr)) {
				ret = pid_vnr(l->tids[to]);
				goto out;
			}
		}
	}
out:
	mutex_unlock(&tr->lock);
	return ret;
}

/*
 * Waits, killable, until @cond or the group stops, with g->lock dropped
 * meanwhile. Return: 0 if @cond holds and the group runs, else -EINTR.
 */
#define kmvx_group_wait(g, cond)					\
({									\
	int __ret;							\
	mutex_unlock(&(g)->lock);					\
	__ret = wait_event_killable((g)->wq,				\
				    kmvx_group_stopped(g) || (cond));	\
	mutex_lock(&(g)->lock);						\
	__ret || kmvx_group_stopped(g) ? -EINTR : 0;			\
})

long kmvx_ioctl_group_create(struct kmvx_group **slot,
			     const struct mvx_group_create *req)
{
	if (req->n < 1 || req->n > MVX_GROUP_MAX || req->flags || req->__pad)
		return -EINVAL;
	if (*slot)
		return -EBUSY;
	*slot = kmvx_group_new(req->n, NULL);
	return *slot ? 0 : -ENOMEM;
}

long kmvx_ioctl_group_join(struct kmvx_group *g,
			   const struct mvx_group_join *req)
{
	struct kmvx_variant *v;
	long ret;

	if (!g)
		return -ENOENT;
	if (req->index >= g->n)
		return -EINVAL;
	/* Its rdtsc must fault, for kmvx_group_values(). */
	if (g->n > 1 && !test_thread_flag(TIF_NOTSC))
		return -EINVAL;
	v = kzalloc(sizeof(*v), GFP_KERNEL_ACCOUNT);
	if (!v)
		return -ENOMEM;
	v->g = g;
	v->index = req->index;

	mutex_lock(&g->lock);
	if (kmvx_group_stopped(g)) {
		ret = -ESRCH;
		goto fail;
	}
	if (g->joined & BIT(req->index)) {
		ret = -EBUSY;
		goto fail;
	}
	ret = kmvx_monitor_adopt(v);
	if (ret)
		goto fail;
	kmvx_group_get(g);
	v->lane = kmvx_lane_get(kmvx_group_lane0(g));
	g->joined |= BIT(req->index);
	mutex_lock(&g->tree->lock);
	g->pids[req->index] = get_pid(task_tgid(current));
	v->lane->tids[req->index] = get_pid(task_pid(current));
	mutex_unlock(&g->tree->lock);
	if (g->joined == GENMASK(g->n - 1, 0))
		g->state = MVX_GROUP_RUNNING;
	mutex_unlock(&g->lock);
	return 0;

fail:
	mutex_unlock(&g->lock);
	kfree(v);
	return ret;
}

long kmvx_ioctl_group_status(struct kmvx_group *g,
			     struct mvx_group_status *req,
			     struct mvx_group_status __user *uarg, u32 usize)
{
	struct kmvx_tree *tr;
	u32 i;

	if (!g)
		return -ENOENT;
	tr = g->tree;
	mutex_lock(&g->lock);
	mutex_lock(&tr->lock);
	*req = tr->report;
	req->size = sizeof(*req);
	req->state = tr->stopped ? MVX_GROUP_STOPPED : g->state;
	req->n = g->n;
	for (i = 0; i < g->n; i++)
		req->pids[i] = g->pids[i] ? pid_vnr(g->pids[i]) : 0;
	mutex_unlock(&tr->lock);
	mutex_unlock(&g->lock);
	if (copy_to_user(uarg, req, min_t(size_t, usize, sizeof(*req))))
		return -EFAULT;
	return 0;
}

/*
 * The controller's file is released: whatever still runs of the tree
 * stops (the variants never run without their controller).
 */
void kmvx_group_release(struct kmvx_group *g)
{
	struct kmvx_stop why = { .cause = MVX_STOP_CONTROLLER };

	if (!g)
		return;
	mutex_lock(&g->lock);
	kmvx_group_stop(g, &why);
	mutex_unlock(&g->lock);
	kmvx_group_put(g);
}

/**
 * kmvx_group_describe - mvx(MVX_CALL_GROUP, call) from a monitor
 * @c: the description, copied in
 *
 * Return: 0, -EPERM (not in an excursion of a variant) or -EINVAL.
 */
long kmvx_group_describe(const struct mvx_group_call *c)
{
	struct kmvx_task *t = current->mvx_data;
	int ret;

	if (!t || !t->var || !t->in_excursion)
		return -EPERM;
	ret = kmvx_parts_check(c);
	if (ret)
		return ret;
	if (c->nr != t->saved.orig_ax)
		return -EINVAL;
	t->var->call = *c;
	t->var->described = true;
	return 0;
}

/* Whether the current process's descriptor @fd is close-on-exec. */
static bool kmvx_group_cloexec(int fd)
{
	bool ret;

	if (fd < 0)
		return false;
	rcu_read_lock();
	ret = close_on_exec(fd, files_fdtable(current->files));
	rcu_read_unlock();
	return ret;
}

/* How long a follower waits for the leader's number to be free. */
#define KMVX_GROUP_FD_WAIT	(5 * HZ)

/*
 * Puts @file at number @want of the follower, once another of its threads
 * has given the number up if one holds it (a close that comes later in
 * its sequence than in the leader's, a descriptor of its own that is on
 * its way to the leader's number), with g->lock dropped meanwhile.
 * Return: 0; -EBADF if the number stays taken; -EINTR if the group
 * stopped or the follower was killed; another error.
 */
static int kmvx_group_fd_at(struct kmvx_group *g, int want,
			    struct file *file, unsigned int flags)
{
	unsigned long until = jiffies + KMVX_GROUP_FD_WAIT;
	long waited;
	int ret;

	lockdep_assert_held(&g->lock);
	for (;;) {
		ret = kmvx_fdnum_install(want, file, flags);
		if (ret != -EBUSY)
			return ret;
		if (time_after(jiffies, until))
			return -EBADF;
		/* Nothing wakes for a close: look again now and then. */
		mutex_unlock(&g->lock);
		waited = wait_event_killable_timeout(g->wq,
						     kmvx_group_stopped(g),
						     max(HZ / 100, 1));
		mutex_lock(&g->lock);
		if (waited)
			return -EINTR;
	}
}

/*
 * A descriptor like the leader's @fd, that does nothing, at the same
 * number in the follower. Return: as kmvx_group_fd_at().
 */
static int kmvx_group_placeholder(struct kmvx_group *g, int fd, bool cloexec)
{
	struct file *f;
	int ret;

	f = anon_inode_getfile("[mvx-leader]", &kmvx_placeholder_fops, NULL,
			       O_RDWR);
	if (IS_ERR(f))
		return PTR_ERR(f);
	ret = kmvx_group_fd_at(g, fd, f, cloexec ? O_CLOEXEC : 0);
	fput(f);
	return ret;
}

/*
 * The follower's own new descriptor @fd, made by a call it ran itself,
 * goes to the leader's number @want. It gives @fd up first: another of
 * its threads may be waiting for that number. Return: as
 * kmvx_group_fd_at(); on an error the descriptor is gone.
 */
static int kmvx_group_own_fd(struct kmvx_group *g, int fd, int want)
{
	bool cloexec = kmvx_group_cloexec(fd);
	struct file *f = fget_raw(fd);
	int ret;

	if (!f)
		return -EBADF;
	close_fd(fd);
	ret = kmvx_group_fd_at(g, want, f, cloexec ? O_CLOEXEC : 0);
	fput(f);
	return ret;
}

/*
 * Which of the leader's new descriptors are close-on-exec: bit 0 the
 * call's result (MVX_CALL_RET_FD), bit k + 1 the k-th descriptor of its
 * outputs (the last bit for the rest); and the follower's group.
 */
struct kmvx_cloexec {
	u32 bits;
	u32 bit;
	struct kmvx_group *g;
};

static void kmvx_cloexec_next(struct kmvx_cloexec *ce)
{
	ce->bit = min(ce->bit + 1, 31U);
}

static int kmvx_group_placeholder_out(int fd, void *arg)
{
	struct kmvx_cloexec *ce = arg;
	int ret = kmvx_group_placeholder(ce->g, fd, ce->bits & BIT(ce->bit));

	kmvx_cloexec_next(ce);
	return ret;
}

/* The placeholders of the leader's new descriptors of its call. */
static int kmvx_group_placeholders(struct kmvx_group *g, struct kmvx_lane *l,
				   const struct mvx_group_call *c)
{
	struct kmvx_cloexec ce = { .bits = l->cloexec, .bit = 1, .g = g };
	int ret;

	lockdep_assert_held(&g->lock);
	if (l->result < 0)
		return 0;
	if (c->flags & MVX_CALL_RET_FD) {
		ret = kmvx_group_placeholder(g, l->result, l->cloexec & 1);
		if (ret)
			return ret;
	}
	return kmvx_parts_visit_fds(&l->out, c, kmvx_group_placeholder_out,
				      &ce);
}

static bool kmvx_group_ends(u64 nr)
{
	return nr == __NR_exit || nr == __NR_exit_group;
}

static bool kmvx_group_forks(u64 nr)
{
	return nr == __NR_fork || nr == __NR_vfork || nr == __NR_clone;
}

/* A follower compares its call with the leader's. */
static bool kmvx_group_match(struct kmvx_group *g, struct kmvx_variant *v,
			     unsigned long action, const struct kmvx_parts *in)
{
	struct kmvx_lane *l = v->lane;
	struct kmvx_parts_diff d;
	struct kmvx_stop why = {
		.variant = v->index, .thread = l->id, .seq = v->seq,
		.nr = l->call.nr,
	};

	lockdep_assert_held(&g->lock);
	if (l->call.nr != v->call.nr) {
		why.cause = MVX_STOP_CALL;
		why.other_nr = v->call.nr;
		kmvx_group_stop(g, &why);
		return false;
	}
	if (!kmvx_parts_diff(&l->call, &l->in, &v->call, in, &d)) {
		if (action == l->action)
			return true;
		/* The same call, another verdict: as if the mode differed. */
		memset(&d, 0, sizeof(d));
		d.part = MVX_GROUP_PARTS_MAX;
	}
	why.cause = MVX_STOP_ARGS;
	why.diff = &d;
	kmvx_group_stop(g, &why);
	return false;
}

/*
 * The variants meet at call v->seq, described by v->call and @in: the
 * leader publishes it (taking @in), a follower matches it, and each
 * waits until every variant has. Return: false once the group has
 * stopped.
 */
static bool kmvx_group_line_up(struct kmvx_group *g, struct kmvx_variant *v,
			       unsigned long action, struct kmvx_parts *in)
{
	struct kmvx_lane *l = v->lane;

	lockdep_assert_held(&g->lock);
	if (v->index == 0) {
		if (kmvx_group_stopped(g))
			return false;
		l->seq = v->seq;
		l->call = v->call;
		l->action = action;
		kmvx_parts_free(&l->in);
		l->in = *in;
		memset(in, 0, sizeof(*in));
		l->have = true;
		l->matched = 1;
		wake_up_all(&g->wq);
	} else {
		if (kmvx_group_wait(g, l->have && l->seq == v->seq) ||
		    !kmvx_group_match(g, v, action, in))
			return false;
		l->matched++;
		wake_up_all(&g->wq);
	}
	if (kmvx_group_wait(g, l->seq != v->seq || l->matched == g->n))
		return false;
	v->seq++;
	return true;
}

/*
 * Keeps the data of variant @v's epoll_ctl(), once the leader's call
 * returned @result: what the kernel registered, not what was asked.
 * Return: 0, or -ENOMEM past the limit.
 */
static int kmvx_group_epoll_keep(struct kmvx_group *g, struct kmvx_variant *v,
				 const struct kmvx_parts *in, long result)
{
	const struct mvx_group_call *c = &v->call;
	int epfd = (int)c->parts[0].value;
	u32 i;

	lockdep_assert_held(&g->lock);
	for (i = 0; i < c->nr_parts && result >= 0; i++) {
		const struct mvx_group_part *p = &c->parts[i];

		if (!(p->flags & MVX_PART_EPOLL) || p->kind != MVX_PART_IN)
			continue;
		if (c->parts[1].value == EPOLL_CTL_DEL || in->fault[i]) {
			kmvx_epdata_del(&g->ep[v->index], epfd, (int)p->value);
			continue;
		}
		if (kmvx_epdata_set(&g->ep[v->index], epfd, (int)p->value,
				    in->epdata[i]))
			return -ENOMEM;
	}
	return 0;
}

/*
 * Follower @v takes the leader's outputs, epoll events with its own
 * data for the same descriptors. Return: as kmvx_parts_write_out().
 */
static int kmvx_group_write_out(struct kmvx_group *g, struct kmvx_variant *v,
				const struct kmvx_parts *in)
{
	const struct mvx_group_call *c = &v->call;
	struct kmvx_lane *l = v->lane;
	struct kmvx_parts mine;
	bool epoll = false;
	int err;
	u32 i;

	lockdep_assert_held(&g->lock);
	for (i = 0; i < c->nr_parts; i++)
		if ((c->parts[i].flags & MVX_PART_EPOLL) &&
		    c->parts[i].kind == MVX_PART_OUT)
			epoll = true;
	if (!epoll || !l->out.len)
		return kmvx_parts_write_out(&l->out, c, in);

	mine = l->out;
	mine.buf = kvmalloc(l->out.len, GFP_KERNEL_ACCOUNT);
	if (!mine.buf)
		return -ENOMEM;
	memcpy(mine.buf, l->out.buf, l->out.len);
	for (i = 0; i < c->nr_parts; i++)
		if ((c->parts[i].flags & MVX_PART_EPOLL) &&
		    c->parts[i].kind == MVX_PART_OUT)
			kmvx_epdata_translate(&g->ep[0], &g->ep[v->index],
					      (int)c->parts[0].value,
					      mine.buf + mine.off[i],
					      mine.plen[i]);
	err = kmvx_parts_write_out(&mine, c, in);
	kvfree(mine.buf);
	return err;
}

/* Sets argument @i (0 to 5) of the system call in @regs. */
static void kmvx_group_set_arg(struct pt_regs *regs, u32 i, unsigned long val)
{
	switch (i) {
	case 0:
		regs->di = val;
		break;
	case 1:
		regs->si = val;
		break;
	case 2:
		regs->dx = val;
		break;
	case 3:
		regs->r10 = val;
		break;
	case 4:
		regs->r8 = val;
		break;
	case 5:
		regs->r9 = val;
		break;
	}
}

/* A follower's process ids of its call become its own. */
static void kmvx_group_own_pids(struct kmvx_variant *v, struct pt_regs *regs)
{
	const struct mvx_group_call *c = &v->call;
	u32 i;

	for (i = 0; i < c->nr_parts; i++) {
		const struct mvx_group_part *p = &c->parts[i];

		if (p->kind != MVX_PART_VALUE || !(p->flags & MVX_PART_PID) ||
		    p->len > 5)
			continue;
		kmvx_group_set_arg(regs, p->len,
				   kmvx_tree_translate(v->g->tree, p->value, 0,
						       v->index));
	}
}

/*
 * The process ids of follower @v's call as the leader sees them, before
 * they are compared: a thread's own id, which the kernel wrote into its
 * memory when it was made (CLONE_PARENT_SETTID), is the leader's thread
 * of the same lane; an id that is the leader's already stays.
 */
static void kmvx_group_leader_pids(struct kmvx_variant *v)
{
	struct mvx_group_call *c = &v->call;
	u32 i;

	for (i = 0; i < c->nr_parts && v->described; i++) {
		struct mvx_group_part *p = &c->parts[i];

		pid_t own = (pid_t)p->value, leader;

		if (p->kind != MVX_PART_VALUE || !(p->flags & MVX_PART_PID))
			continue;
		leader = kmvx_tree_translate(v->g->tree, own, v->index, 0);
		if (leader != own)
			p->value = (p->value & ~(u64)U32_MAX) | (u32)leader;
	}
}

/*
 * Drops the signals pending for a follower: its own copies, which the
 * leader hands on when it takes them.
 */
static void kmvx_group_drop_signals(void)
{
	kernel_siginfo_t info;
	enum pid_type type;
	sigset_t keep;

	siginitset(&keep, sigmask(SIGKILL) | sigmask(SIGSTOP));
	spin_lock_irq(&current->sighand->siglock);
	while (dequeue_signal(current, &keep, &info, &type) > 0)
		;
	spin_unlock_irq(&current->sighand->siglock);
}

/*
 * A fork in a follower. A fork fails (to be restarted) while a signal is
 * pending, so that whether it runs is the leader's to say: a follower
 * forks only once the leader's fork has returned, and returns the
 * leader's error if it failed; a vfork, whose leader returns only once
 * its child has gone its way (meeting the followers' children), runs
 * beside the leader's. Either way the follower drops its own signals
 * first. Return: false if the group stopped.
 */
static bool kmvx_group_fork_after_leader(struct kmvx_group *g,
					 struct kmvx_variant *v,
					 struct pt_regs *regs, u64 nr,
					 unsigned long *action, long *value)
{
	struct kmvx_lane *l = v->lane;
	bool vfork = nr == __NR_vfork ||
		     (nr == __NR_clone && (regs->di & CLONE_VFORK));

	if (!vfork) {
		if (kmvx_group_wait(g, l->posted &&
				       l->posted_seq == v->seq - 1))
			return false;
		if (l->result <= 0) {
			*action = MVX_ACT_RESULT;
			*value = l->result;
			return true;
		}
	}
	kmvx_group_drop_signals();
	return true;
}

/*
 * wait4() in a follower, once the leader's has returned: which child is
 * ready is the leader's to say. The follower waits for its own child of
 * the same index as the one the leader reaped, or returns the leader's
 * result if it reaped none. Return: false if the group stopped.
 */
static bool kmvx_group_reap_as_leader(struct kmvx_group *g,
				      struct kmvx_variant *v,
				      struct pt_regs *regs,
				      unsigned long *action, long *value)
{
	struct kmvx_lane *l = v->lane;

	if (kmvx_group_wait(g, l->posted && l->posted_seq == v->seq - 1))
		return false;
	if (l->result <= 0) {
		*action = MVX_ACT_RESULT;
		*value = l->result;
		return true;
	}
	kmvx_group_set_arg(regs, 0, kmvx_tree_translate(g->tree, l->result,
							0, v->index));
	regs->dx &= ~(unsigned long)WNOHANG;
	return true;
}

/*
 * Before a fork that every variant has matched: the group the children
 * will form (one for the call, whichever variant comes first makes it),
 * and each variant's child's side of it.
 */
static void kmvx_group_prepare_fork(struct kmvx_group *g,
				    struct kmvx_variant *v)
{
	struct kmvx_lane *l = v->lane;
	struct kmvx_variant *spare;
	u32 i;

	lockdep_assert_held(&g->lock);
	if (l->child_seq != v->seq) {
		kmvx_group_put(l->child);
		l->child = kmvx_group_new(g->n, g->tree);
		/* The children inherit the epoll instances and their data. */
		for (i = 0; l->child && i < g->n; i++) {
			if (kmvx_epdata_copy(&l->child->ep[i], &g->ep[i])) {
				kmvx_group_put(l->child);
				l->child = NULL;
			}
		}
		l->child_seq = l->child ? v->seq : 0;
		if (l->child) {
			l->child->state = MVX_GROUP_RUNNING;
			list_add(&kmvx_group_get(l->child)->sibling,
				 &g->children);
		}
	}
	spare = kzalloc(sizeof(*spare), GFP_KERNEL_ACCOUNT);
	if (!l->child || !spare) {
		kfree(spare);
		return;
	}
	spare->g = kmvx_group_get(l->child);
	/* A child group's lock nests in its parent's. */
	mutex_lock_nested(&l->child->lock, SINGLE_DEPTH_NESTING);
	spare->lane = kmvx_lane_get(kmvx_group_lane0(l->child));
	mutex_unlock(&l->child->lock);
	spare->index = v->index;
	v->child = kmvx_group_get(l->child);
	v->spare = spare;
	v->forking = true;
}

/*
 * Before a clone of a thread that every variant has matched: the lane
 * the new threads will form (whichever variant comes first makes it),
 * and each variant's new thread's side of it.
 */
static void kmvx_group_prepare_thread(struct kmvx_group *g,
				      struct kmvx_variant *v)
{
	struct kmvx_lane *l = v->lane;
	struct kmvx_variant *spare;

	lockdep_assert_held(&g->lock);
	if (l->thread_seq != v->seq) {
		kmvx_lane_put(g, l->thread);
		l->thread = kmvx_lane_new(g);
		l->thread_seq = l->thread ? v->seq : 0;
	}
	spare = kzalloc(sizeof(*spare), GFP_KERNEL_ACCOUNT);
	if (!l->thread || !spare) {
		kfree(spare);
		return;
	}
	spare->g = kmvx_group_get(g);
	spare->lane = kmvx_lane_get(l->thread);
	spare->index = v->index;
	v->thread = kmvx_lane_get(l->thread);
	v->spare = spare;
	v->forking = true;
}

/* Whether clone flags @flags make a thread (kmvx_group_may_fork()). */
static bool kmvx_group_threads(u64 flags)
{
	return flags & CLONE_THREAD;
}

/**
 * kmvx_group_meet - a variant's excursion returns: meet the others
 * @t: the variant's thread, its monitor's pages closed again
 * @regs: its registers, the program's again
 * @action: what its monitor decided (MVX_ACT_*)
 * @value: MVX_ACT_RESULT: the result; the leader's for a follower
 *
 * Return: the action to take: MVX_ACT_KILL once the group has stopped.
 */
unsigned long kmvx_group_meet(struct kmvx_task *t, struct pt_regs *regs,
			      unsigned long action, long *value)
{
	struct kmvx_variant *v = t->var;
	struct kmvx_group *g = v->g;
	struct kmvx_lane *l = v->lane;
	struct kmvx_parts in = {};
	u64 nr = t->saved.orig_ax;
	int err;

	if (v->index)
		kmvx_group_leader_pids(v);
	mutex_lock(&g->lock);
	if (!v->described) {
		kmvx_group_stop_at(g, v, MVX_STOP_NO_CALL, nr, 0);
		goto kill;
	}
	v->described = false;
	if (v->call.mode == MVX_RUN_STOP) {
		kmvx_group_stop_at(g, v, v->call.reason, nr, nr);
		goto kill;
	}
	if (action == MVX_ACT_KILL) {
		kmvx_group_stop_at(g, v, MVX_STOP_POLICY, nr, 0);
		goto kill;
	}
	mutex_unlock(&g->lock);
	err = kmvx_parts_read_in(&in, &v->call);
	mutex_lock(&g->lock);
	if (err) {
		kmvx_group_stop_at(g, v, MVX_STOP_TOO_LARGE, nr, nr);
		goto kill;
	}

	if (!kmvx_group_line_up(g, v, action, &in))
		goto kill;

	v->met = true;
	if (action == MVX_ACT_RESULT)
		goto out;
	if (v->call.mode == MVX_RUN_ALL) {
		v->last = kmvx_group_ends(nr);
		if (nr == __NR_exit_group)
			g->exiting |= BIT(v->index);
		if (kmvx_group_forks(nr)) {
			if (nr == __NR_clone && kmvx_group_threads(regs->di))
				kmvx_group_prepare_thread(g, v);
			else
				kmvx_group_prepare_fork(g, v);
			if (v->index &&
			    !kmvx_group_fork_after_leader(g, v, regs, nr,
							  &action, value))
				goto kill;
		}
		kmvx_group_own_pids(v, regs);
		if ((v->call.flags & MVX_CALL_WAIT) && v->index &&
		    !kmvx_group_reap_as_leader(g, v, regs, &action, value))
			goto kill;
		goto out;
	}
	if (v->index == 0)
		goto out;
	if (kmvx_group_wait(g, l->posted && l->posted_seq == v->seq - 1))
		goto kill;
	err = kmvx_group_epoll_keep(g, v, &in, l->result);
	if (err) {
		kmvx_group_stop_at(g, v, MVX_STOP_TOO_LARGE, nr, nr);
		goto kill;
	}
	err = kmvx_group_write_out(g, v, &in);
	if (!err)
		err = kmvx_group_placeholders(g, l, &v->call);
	/* Stopped meanwhile, or killed (its process's exit_group). */
	if (err == -EINTR)
		goto kill;
	if (err) {
		struct kmvx_stop why = {
			.cause = MVX_STOP_OUTPUT, .variant = v->index,
			.thread = l->id,
			.seq = v->seq - 1, .nr = nr,
		};

		kmvx_group_stop(g, &why);
		goto kill;
	}
	*value = l->result;
	action = MVX_ACT_RESULT;
out:
	mutex_unlock(&g->lock);
	kmvx_parts_free(&in);
	return action;
kill:
	v->met = false;
	mutex_unlock(&g->lock);
	kmvx_parts_free(&in);
	/* A fatal signal of its own ends the variant as it would have. */
	if (!kmvx_group_stopped(g) && fatal_signal_pending(current)) {
		*value = -EINTR;
		return MVX_ACT_RESULT;
	}
	return MVX_ACT_KILL;
}

/**
 * kmvx_group_values - an instruction the group replicates (time.c)
 * @t: the current task, a variant, outside an excursion
 * @nr: its number in the sequence, MVX_NR_RDTSC or MVX_NR_RDTSCP
 * @read: reads the values, in the leader
 * @val: out: the leader's values, KMVX_GROUP_VALUES of them
 *
 * Once its monitor has registered, a variant's instruction is a call of
 * the group's sequence: the variants meet there as at a system call,
 * the leader reads once every follower has matched, and each follower
 * takes the leader's values. Before that (the loader), each reads its
 * own. No signal is taken here.
 *
 * Return: false once the group has stopped (the variant must not go on).
 */
bool kmvx_group_values(struct kmvx_task *t, u64 nr,
		       void (*read)(u64 *val), u64 *val)
{
	struct kmvx_variant *v = t->var;
	struct kmvx_group *g = v->g;
	struct kmvx_lane *l = v->lane;
	struct kmvx_parts in = {};
	bool ok;

	if (!t->mon || v->await) {
		read(val);
		return true;
	}
	memset(&v->call, 0, sizeof(v->call));
	v->call.size = sizeof(v->call);
	v->call.mode = MVX_RUN_LEADER;
	v->call.nr = nr;

	mutex_lock(&g->lock);
	ok = kmvx_group_line_up(g, v, MVX_ACT_EXECUTE, &in);
	if (ok && v->index == 0) {
		read(l->values);
		kmvx_parts_free(&l->out);
		l->result = 0;
		l->cloexec = 0;
		memset(&l->sigs, 0, sizeof(l->sigs));
		l->posted_seq = v->seq - 1;
		l->posted = true;
		wake_up_all(&g->wq);
	} else if (ok) {
		ok = !kmvx_group_wait(g, l->posted &&
				      l->posted_seq == v->seq - 1);
	}
	if (ok)
		memcpy(val, l->values, sizeof(l->values));
	mutex_unlock(&g->lock);
	kmvx_parts_free(&in);
	return ok;
}

/*
 * Makes the process's signals that the current thread of the leader can
 * take its own, but for those it has already: another thread returning
 * from its call must not take them too, since each thread hands its
 * signals on to its own lane's followers. They are dequeued as a delivery
 * would (which rearms an interval timer's) and sent to the thread.
 */
static void kmvx_group_claim(void)
{
	struct sigpending *shared = &current->signal->shared_pending;
	kernel_siginfo_t info[KMVX_SIGS_MAX];
	enum pid_type type;
	sigset_t move, one;
	int sig, n = 0, k;

	spin_lock_irq(&current->sighand->siglock);
	sigandnsets(&move, &shared->signal, &current->blocked);
	sigandnsets(&move, &move, &current->pending.signal);
	sigdelsetmask(&move, sigmask(SIGKILL) | sigmask(SIGSTOP));
	for (sig = 1; sig < _NSIG && n < KMVX_SIGS_MAX; sig++) {
		if (!sigismember(&move, sig))
			continue;
		/* dequeue_signal() takes the signals not in its mask. */
		sigfillset(&one);
		sigdelset(&one, sig);
		if (dequeue_signal(current, &one, &info[n], &type) == sig)
			n++;
	}
	spin_unlock_irq(&current->sighand->siglock);
	for (k = 0; k < n; k++)
		send_sig_info(info[k].si_signo, &info[k], current);
}

/*
 * The signals the leader's thread takes now: its own and the process's
 * (claimed), pending, not blocked, and neither SIGKILL nor SIGSTOP (which
 * are never held), with their siginfo.
 */
static void kmvx_group_pending(struct kmvx_sigs *s)
{
	struct sighand_struct *sh = current->sighand;
	struct sigpending *lists[] = {
		&current->pending, &current->signal->shared_pending,
	};
	struct sigqueue *q;
	sigset_t pending;
	int sig;
	u32 i;

	kmvx_group_claim();
	spin_lock_irq(&sh->siglock);
	sigorsets(&pending, &current->pending.signal,
		  &current->signal->shared_pending.signal);
	sigandnsets(&s->set, &pending, &current->blocked);
	sigdelsetmask(&s->set, sigmask(SIGKILL) | sigmask(SIGSTOP));
	s->n = 0;
	for (sig = 1; sig < _NSIG && s->n < KMVX_SIGS_MAX; sig++) {
		if (!sigismember(&s->set, sig))
			continue;
		s->sig[s->n] = sig;
		clear_siginfo(&s->info[s->n]);
		s->info[s->n].si_signo = sig;
		s->info[s->n].si_code = SI_KERNEL;
		for (i = 0; i < ARRAY_SIZE(lists); i++) {
			list_for_each_entry(q, &lists[i]->list, list) {
				if (q->info.si_signo == sig) {
					copy_siginfo(&s->info[s->n], &q->info);
					goto found;
				}
			}
		}
found:
		s->n++;
	}
	spin_unlock_irq(&sh->siglock);
}

/* Ends a variant's hold on its signals for this return to user space. */
static void kmvx_group_deliver(const sigset_t *set)
{
	/*
	 * Only these: a signal of the variant's own that comes before its
	 * next call (its child's SIGCHLD, while the handler of the leader's
	 * runs) must wait to be dropped there, not run a handler here alone.
	 */
	mvx_hook_pass_signals(set);
}

/* Whether a call that returned @ret was cut short by a signal. */
static bool kmvx_group_interrupted(long ret)
{
	return ret == -EINTR || ret == -ERESTARTSYS ||
	       ret == -ERESTARTNOINTR || ret == -ERESTARTNOHAND ||
	       ret == -ERESTART_RESTARTBLOCK;
}

/* Sends @task the signals of @s, with the leader's siginfo. */
static void kmvx_group_signal(struct task_struct *task,
			      const struct kmvx_sigs *s)
{
	sigset_t set = s->set;
	kernel_siginfo_t info;
	int sig;
	u32 k;

	for (sig = 1; sig < _NSIG; sig++) {
		if (!sigismember(&set, sig))
			continue;
		clear_siginfo(&info);
		info.si_signo = sig;
		info.si_code = SI_KERNEL;
		for (k = 0; k < s->n; k++)
			if (s->sig[k] == sig)
				copy_siginfo(&info, &s->info[k]);
		send_sig_info(sig, &info, task);
	}
}

/* Gives each follower's thread of lane @l the leader's signals of @s now. */
static void kmvx_group_send(struct kmvx_group *g, struct kmvx_lane *l,
			    const struct kmvx_sigs *s)
{
	struct task_struct *task;
	u32 i;

	lockdep_assert_held(&g->lock);
	for (i = 1; i < g->n; i++) {
		task = l->tids[i] ? get_pid_task(l->tids[i], PIDTYPE_PID) : NULL;
		if (!task)
			continue;
		kmvx_group_signal(task, s);
		put_task_struct(task);
	}
}

/*
 * The leader's call has returned @ret: publish the result, the outputs
 * of a call the followers did not run, and the signals it takes now,
 * which each follower gets too.
 */
static int kmvx_group_cloexec_out(int fd, void *arg)
{
	struct kmvx_cloexec *ce = arg;

	if (kmvx_group_cloexec(fd))
		ce->bits |= BIT(ce->bit);
	kmvx_cloexec_next(ce);
	return 0;
}

static void kmvx_group_post(struct kmvx_task *t, long ret)
{
	struct kmvx_variant *v = t->var;
	struct kmvx_group *g = v->g;
	struct kmvx_lane *l = v->lane;
	struct kmvx_parts out = {};
	const struct mvx_group_call *c = &v->call;
	struct kmvx_cloexec ce = { .bit = 1 };
	int err = 0;

	/* l->in stays the leader's until its next call. */
	if (c->mode == MVX_RUN_LEADER)
		err = kmvx_parts_read_out(&out, c, &l->in, ret);
	if (!err && ret >= 0 && c->mode == MVX_RUN_LEADER) {
		if ((c->flags & MVX_CALL_RET_FD) && kmvx_group_cloexec(ret))
			ce.bits |= 1;
		kmvx_parts_visit_fds(&out, c, kmvx_group_cloexec_out, &ce);
	}

	mutex_lock(&g->lock);
	if (err) {
		struct kmvx_stop why = {
			.cause = MVX_STOP_TOO_LARGE, .thread = l->id,
			.seq = v->seq - 1,
			.nr = c->nr, .detail = c->nr,
		};

		kmvx_group_stop(g, &why);
	} else {
		kmvx_parts_free(&l->out);
		l->out = out;
		memset(&out, 0, sizeof(out));
		l->result = ret;
		l->cloexec = ce.bits;
		/* l->in is still the leader's; no follower reads its map now. */
		if (kmvx_group_epoll_keep(g, v, &l->in, ret)) {
			struct kmvx_stop why = {
				.cause = MVX_STOP_TOO_LARGE, .thread = l->id,
				.seq = v->seq - 1, .nr = c->nr, .detail = c->nr,
			};

			kmvx_group_stop(g, &why);
		}
		kmvx_group_pending(&l->sigs);
		/* Their calls are cut short as the leader's was. */
		if (kmvx_group_interrupted(ret))
			kmvx_group_send(g, l, &l->sigs);
		l->posted_seq = v->seq - 1;
		l->posted = true;
		wake_up_all(&g->wq);
	}
	if (!err && !sigisemptyset(&l->sigs.set))
		kmvx_group_deliver(&l->sigs.set);
	mutex_unlock(&g->lock);
	kmvx_parts_free(&out);
}

/*
 * A follower's call that it ran itself made the descriptor in @regs: it
 * gets the number of the leader's. Return: false if the group stopped.
 */
static bool kmvx_group_own_result_fd(struct kmvx_group *g,
				     struct kmvx_variant *v,
				     struct pt_regs *regs)
{
	struct kmvx_lane *l = v->lane;
	long ret = regs->ax;
	int err;
	struct kmvx_stop why = {
		.cause = MVX_STOP_RESULT, .variant = v->index, .thread = l->id,
		.seq = v->seq - 1, .nr = v->call.nr, .detail = ret,
	};

	lockdep_assert_held(&g->lock);
	if ((ret < 0) != (l->result < 0)) {
		kmvx_group_stop(g, &why);
		return false;
	}
	if (ret < 0 || ret == l->result)
		return true;
	err = kmvx_group_own_fd(g, ret, l->result);
	if (err) {
		/* Stopped meanwhile, or killed: nothing to report. */
		if (err != -EINTR) {
			why.cause = MVX_STOP_OUTPUT;
			kmvx_group_stop(g, &why);
		}
		return false;
	}
	regs->ax = l->result;
	return true;
}

/*
 * A follower returns from its call: a descriptor it made itself gets the
 * leader's number; it drops the signals pending for it, its own (the
 * leader hands them on when it takes them) and any the leader sent to cut
 * its call short, and takes those the leader took at the same return.
 */
static void kmvx_group_follow(struct kmvx_task *t, struct pt_regs *regs)
{
	struct kmvx_variant *v = t->var;
	struct kmvx_group *g = v->g;
	struct kmvx_lane *l = v->lane;
	struct kmvx_sigs *s;

	s = kmalloc(sizeof(*s), GFP_KERNEL);
	mutex_lock(&g->lock);
	if (!s || kmvx_group_wait(g, l->posted &&
				     l->posted_seq == v->seq - 1) ||
	    (v->call.mode == MVX_RUN_ALL && (v->call.flags & MVX_CALL_RET_FD) &&
	     !kmvx_group_own_result_fd(g, v, regs))) {
		mutex_unlock(&g->lock);
		kfree(s);
		/* Without the leader's signals it cannot go on. */
		if (!s || kmvx_group_stopped(g))
			force_sig(SIGKILL);
		return;
	}
	*s = l->sigs;
	mutex_unlock(&g->lock);

	kmvx_group_drop_signals();
	if (!sigisemptyset(&s->set)) {
		kmvx_group_signal(current, s);
		kmvx_group_deliver(&s->set);
	}
	kfree(s);
}

/*
 * A variant's fork has returned @ret (the child's id, as the variant
 * sees it): the child is variant v->index of the new group, and a
 * follower returns the leader's child's id. Return: the result to give.
 */
static long kmvx_group_forked(struct kmvx_variant *v, long ret)
{
	struct kmvx_group *c = v->child;
	struct kmvx_stop why = {
		.cause = MVX_STOP_RESULT, .variant = v->index,
		.thread = v->lane->id,
		.seq = v->seq - 1, .nr = v->call.nr, .detail = ret,
	};
	struct pid *pid = ret > 0 ? find_get_pid(ret) : NULL;

	v->forking = false;
	v->child = NULL;
	kmvx_group_variant_free(v->spare);	/* unused: the fork failed */
	v->spare = NULL;

	mutex_lock(&c->lock);
	if (pid) {
		mutex_lock(&c->tree->lock);
		c->pids[v->index] = pid;
		kmvx_group_lane0(c)->tids[v->index] = get_pid(pid);
		mutex_unlock(&c->tree->lock);
	}
	if (v->index == 0) {
		c->fork_ret = ret;
		c->forked = true;
		wake_up_all(&c->wq);
	} else if (!kmvx_group_wait(c, c->forked)) {
		if ((ret > 0) != (c->fork_ret > 0))
			kmvx_group_stop(c, &why);
		else if (ret > 0)
			ret = c->fork_ret;
	}
	mutex_unlock(&c->lock);
	kmvx_group_put(c);
	return ret;
}

/*
 * A variant's clone of a thread has returned @ret (the new thread's id):
 * the thread is in the lane that the clone made, and a follower returns
 * the leader's thread's id. Return: the result to give.
 */
static long kmvx_group_thread_made(struct kmvx_variant *v, long ret)
{
	struct kmvx_group *g = v->g;
	struct kmvx_lane *l = v->thread;
	struct kmvx_stop why = {
		.cause = MVX_STOP_RESULT, .variant = v->index,
		.thread = v->lane->id,
		.seq = v->seq - 1, .nr = v->call.nr, .detail = ret,
	};
	struct pid *pid = ret > 0 ? find_get_pid(ret) : NULL;

	v->forking = false;
	v->thread = NULL;
	kmvx_group_variant_free(v->spare);	/* unused: the clone failed */
	v->spare = NULL;

	mutex_lock(&g->lock);
	if (pid) {
		mutex_lock(&g->tree->lock);
		l->tids[v->index] = pid;
		mutex_unlock(&g->tree->lock);
	}
	if (v->index == 0) {
		l->made_ret = ret;
		l->made = true;
		wake_up_all(&g->wq);
	} else if (!kmvx_group_wait(g, l->made)) {
		if ((ret > 0) != (l->made_ret > 0))
			kmvx_group_stop(g, &why);
		else if (ret > 0)
			ret = l->made_ret;
	}
	kmvx_lane_put(g, l);
	mutex_unlock(&g->lock);
	return ret;
}

/*
 * Variant @v has reaped its child @pid: once every variant has reaped
 * its own, the children's group need not map their ids any more.
 */
static void kmvx_group_reaped(struct kmvx_variant *v, pid_t pid)
{
	struct kmvx_group *g = v->g, *c, *done = NULL;

	mutex_lock(&g->lock);
	mutex_lock(&g->tree->lock);
	list_for_each_entry(c, &g->children, sibling) {
		if (!c->pids[v->index] || pid_vnr(c->pids[v->index]) != pid)
			continue;
		c->reaped |= BIT(v->index);
		if (c->reaped == GENMASK(c->n - 1, 0)) {
			list_del(&c->sibling);
			done = c;
		}
		break;
	}
	mutex_unlock(&g->tree->lock);
	mutex_unlock(&g->lock);
	kmvx_group_put(done);
}

/**
 * kmvx_group_returns - the exit callback of a variant's call
 * @t: the variant's thread
 * @regs: its registers, with the result
 *
 * A fork joins its child to the children's group, a process id returned
 * is the leader's; then the leader publishes what its call gave and the
 * signals it takes on this return, and a follower takes the same.
 */
void kmvx_group_returns(struct kmvx_task *t, struct pt_regs *regs)
{
	struct kmvx_variant *v = t->var;
	long ret = regs->ax;

	v->met = false;
	if (v->forking && v->thread) {
		regs->ax = kmvx_group_thread_made(v, ret);
	} else if (v->forking) {
		regs->ax = kmvx_group_forked(v, ret);
	} else if ((v->call.flags & MVX_CALL_RET_PID) && ret > 0) {
		regs->ax = kmvx_tree_translate(v->g->tree, ret, v->index, 0);
		if (v->call.flags & MVX_CALL_WAIT)
			kmvx_group_reaped(v, ret);
	}
	if (v->index == 0)
		kmvx_group_post(t, ret);
	else
		kmvx_group_follow(t, regs);
}

/**
 * kmvx_group_fork - the fork callback: @ct is the child of variant @t
 * @t: the parent's state
 * @ct: the child's, not running yet
 *
 * Return: false if the child cannot be a variant (it must not run).
 */
bool kmvx_group_fork(struct kmvx_task *t, struct kmvx_task *ct)
{
	if (!t->var->spare)
		return false;
	ct->var = t->var->spare;
	t->var->spare = NULL;
	return true;
}

/*
 * Whether a variant's call @nr is its own business alone: it runs without
 * an excursion, outside the group's sequences, unchecked. Only calls whose
 * effects stay within the variant's own memory and threads: futex
 * operations on private futexes, and waits on any (pthread_join() waits
 * on a shared one, the thread's id, which the kernel clears), which are
 * how its threads wait for each other: how many a thread makes and what
 * each returns depends on how the variant's threads interleave, which no
 * two variants share. Likewise a variant's private anonymous memory that
 * is not executable: which thread's malloc() makes an arena (mmap, and a
 * munmap of what its layout leaves over), or reuses another's, or a
 * detached thread's cached stack, is the interleaving's and the layout's
 * to say (mmap, munmap, mprotect, madvise; the guard still refuses any
 * that reaches the monitor). And sched_yield(). A shared futex's wake or requeue
 * could reach another process's waiters, and a PI futex's owner is any
 * thread: those are compared.
 */
bool kmvx_group_own_call(const struct pt_regs *regs, long nr)
{
	u32 op = regs->si & FUTEX_CMD_MASK;

	switch (nr) {
	case __NR_sched_yield:
		return true;
	case __NR_munmap:
	case __NR_madvise:
		return true;
	case __NR_mprotect:
		return !(regs->si & PROT_EXEC);
	case __NR_mmap:
		return (regs->r10 & MAP_ANONYMOUS) &&
		       (regs->r10 & MAP_TYPE) == MAP_PRIVATE &&
		       !(regs->dx & PROT_EXEC);
	case __NR_futex:
		break;
	default:
		return false;
	}
	/* A PI futex names its owner by a thread id, of any process. */
	switch (op) {
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
	case FUTEX_WAIT_REQUEUE_PI:
	case FUTEX_CMP_REQUEUE_PI:
		return false;
	}
	return (regs->si & FUTEX_PRIVATE_FLAG) || op == FUTEX_WAIT ||
	       op == FUTEX_WAIT_BITSET;
}

/*
 * Whether variant @t may make a fork-family call with @clone_flags: a
 * thread (CLONE_THREAD, which implies CLONE_VM and CLONE_SIGHAND) once
 * its lane is made, a process once its group is, but no other sharing of
 * memory than vfork()'s, and nothing that clone3() alone would do.
 */
bool kmvx_group_may_fork(const struct kmvx_task *t, u64 clone_flags)
{
	const struct kmvx_variant *v = t->var;

	if (!v->forking || !v->spare)
		return false;
	if (kmvx_group_threads(clone_flags))
		return v->thread && (clone_flags & CLONE_VM);
	if ((clone_flags & CLONE_VM) && !(clone_flags & CLONE_VFORK))
		return false;
	return v->child;
}

/*
 * How long a variant that died waits for the others to die the same
 * way: a signal that the variants sent each of their own children, or
 * that a terminal sent them all, kills each at its own moment.
 */
#define KMVX_GROUP_DEATH_WAIT	(5 * HZ)

/* Whether every variant of @g that died, died as @code. */
static bool kmvx_group_same_death(struct kmvx_group *g, int code)
{
	u32 i;

	for (i = 0; i < g->n; i++)
		if ((g->dead & BIT(i)) && g->dead_code[i] != code)
			return false;
	return true;
}

/**
 * kmvx_group_task_exit - a variant's thread exits
 * @t: its state
 *
 * A thread that leaves others of its variant behind ends nothing but its
 * lane (when every variant's thread of it is gone). The variant ends with
 * its last thread: a variant that exits by a call every variant made (its
 * last thread's exit, or any thread's exit_group) has ended. One that
 * dies otherwise (a signal) waits, a bounded time, for the others: if
 * every variant dies the same way, the group has ended too; if not, the
 * group stops.
 */
void kmvx_group_task_exit(struct kmvx_task *t)
{
	struct kmvx_variant *v = t->var;
	struct kmvx_group *g = v->g;
	u32 all = GENMASK(g->n - 1, 0);
	int code = current->exit_code;

	/* do_exit() counted this thread out before the hook's call. */
	if (atomic_read(&current->signal->live))
		return;
	mutex_lock(&g->lock);
	if (v->last || (g->exiting & BIT(v->index)))
		g->ended |= BIT(v->index);
	else {
		g->dead |= BIT(v->index);
		g->dead_code[v->index] = code;
	}
	wake_up_all(&g->wq);
	if (!(g->ended & BIT(v->index)) && !kmvx_group_stopped(g)) {
		mutex_unlock(&g->lock);
		wait_event_timeout(g->wq, kmvx_group_stopped(g) ||
				   (READ_ONCE(g->dead) | READ_ONCE(g->ended)) == all,
				   KMVX_GROUP_DEATH_WAIT);
		mutex_lock(&g->lock);
		if ((g->dead | g->ended) != all || g->ended ||
		    !kmvx_group_same_death(g, code))
			kmvx_group_stop_at(g, v, MVX_STOP_DIED, 0, code);
	}
	if ((g->dead | g->ended) == all && !kmvx_group_stopped(g))
		g->state = MVX_GROUP_ENDED;
	mutex_unlock(&g->lock);
}

void kmvx_group_variant_free(struct kmvx_variant *v)
{
	if (!v)
		return;
	mutex_lock(&v->g->lock);
	kmvx_lane_put(v->g, v->lane);
	kmvx_lane_put(v->g, v->thread);
	mutex_unlock(&v->g->lock);
	kmvx_group_put(v->child);
	kmvx_group_variant_free(v->spare);
	kmvx_group_put(v->g);
	kfree(v);
}

/* After a successful execve(): its new program must register a monitor. */
void kmvx_group_exec(struct kmvx_task *t)
{
	t->var->await = true;
	t->var->described = false;
}

bool kmvx_group_follows(const struct kmvx_task *t)
{
	return t->var && t->var->index;
}

bool kmvx_group_awaiting(const struct kmvx_task *t)
{
	return t->var && t->var->await;
}

void kmvx_group_registered(struct kmvx_task *t)
{
	if (t->var)
		t->var->await = false;
}

bool kmvx_group_returning(const struct kmvx_task *t)
{
	return t->var && t->var->met;
}

/* Whether @t is a variant of a group of more than one. */
bool kmvx_group_several(const struct kmvx_task *t)
{
	return t->var && t->var->g->n > 1;
}
