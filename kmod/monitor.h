/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_MONITOR_H
#define KMVX_MONITOR_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mvx_hook.h>
#include <linux/ptrace.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/task_work.h>
#include <linux/types.h>
#include <linux/wait.h>

#include <mvx.h>

#include "area.h"
#include "log.h"

struct kmvx_policy;
struct kmvx_variant;
struct mm_struct;
struct task_struct;

#define KMVX_TURN_BIT	0

/**
 * struct kmvx_monitor - the registered monitor of one address space
 * @node: in kmvx_monitors, hashed by @mm; under kmvx_monitors_lock, read
 *	under RCU
 * @rcu: frees it after lookups under RCU are done
 * @ref: held by each task's struct kmvx_task that uses it
 * @mm: the address space (mmgrab()ed, so the address is not reused)
 * @turn: bit KMVX_TURN_BIT, one excursion at a time; held from the
 *	excursion's start to its MVX_CALL_RETURN, possibly across returns
 *	to user space (a bit lock: cheaper than a semaphore when, as
 *	nearly always, nobody waits)
 * @entry: entry point of excursions
 * @stack_top: where the struct mvx_call goes
 * @records: the record area MVX_IOC_MONITOR_READ reads
 * @records_size: its size
 * @log: the call log, inside the record area
 * @nr_ranges: entries of @ranges used
 * @ranges: the monitor's memory
 * @areas: kmvx's pages for each range, mapped only during excursions
 * @pkey: the protection key the ranges carry, or 0 for none (pkey.c)
 * @src: for a forked child's copy until it has its pages: the parent's
 * @exempt: system calls that run without an excursion
 * @policy: the policy it registered with (inherit.c)
 * @excursions: excursions made
 * @refused: tampering attempts refused
 * @tasks_lock: protects @tasks and @open (park.c); taken with interrupts
 *	off, as under a parent's siglock in the fork callback
 * @tasks: every task that uses the monitor, struct kmvx_task.node
 * @open: an excursion is open: the other tasks park
 * @park_wq: where they wait for it to close
 *
 * Everything but the counters and the parking state is fixed once the
 * monitor is hashed.
 */
struct kmvx_monitor {
	struct hlist_node node;
	struct rcu_head rcu;
	refcount_t ref;
	struct mm_struct *mm;
	unsigned long turn;
	u64 entry;
	u64 stack_top;
	u64 records;
	u64 records_size;
	struct kmvx_log log;
	u32 nr_ranges;
	struct mvx_range ranges[MVX_MONITOR_RANGES_MAX];
	struct kmvx_area areas[MVX_MONITOR_RANGES_MAX];
	int pkey;
	struct kmvx_monitor *src;
	DECLARE_BITMAP(exempt, MVX_SYSCALL_MAX);
	struct kmvx_policy *policy;
	atomic64_t excursions;
	atomic64_t refused;
	spinlock_t tasks_lock;
	struct list_head tasks;
	bool open;
	wait_queue_head_t park_wq;
};

/* What the exit callback does for the call the enter callback saw. */
enum kmvx_pending {
	KMVX_PENDING_NONE,
	KMVX_PENDING_REDIRECTED,	/* the call became an excursion */
	KMVX_PENDING_RESULT,	/* the monitor gave the result */
	KMVX_PENDING_EXECUTED,	/* the monitor let the call run */
	KMVX_PENDING_PASSED,	/* exempt, or not forwarded at all */
};

/**
 * struct kmvx_task - a monitored thread (task_struct.mvx_data)
 * @rcu: MVX_IOC_MONITOR_INFO reads other tasks' state under RCU
 * @mon: its monitor, or NULL after execve() until the new program's
 *	monitor registers
 * @inherit: while @mon is NULL, the policy the new program's monitor
 *	must register with, or NULL if the program may run unmonitored
 * @task: the thread
 * @in_excursion: the thread runs the monitor, @saved holds its context
 * @in_monitor_call: the thread is in a system call of the monitor's
 *	code: the kernel may touch the monitor's pages for it
 * @pending: enum kmvx_pending
 * @saved: the program's registers at the forwarded call
 * @cookie: the monitor's cookie of the call that is executing
 * @start_ns: when that call started
 * @prev_valid: @prev_* describe an executed call not yet reported
 * @prev_cookie: its cookie
 * @prev_result: its result
 * @prev_ns: its duration
 * @log_seq: number + 1 of the call log's record of the thread's current
 *	excursion, or of its executed call that awaits its result; 0: none
 * @spare_task: allocated before a fork-family call, for the child
 * @spare_mon: allocated before a fork-family call, for a child that gets
 *	its own address space
 * @child_work: a new child with its own address space maps its copy of
 *	the monitor with this before it first runs in user space
 * @rseq: the thread's rseq area, taken away during an excursion (the
 *	kernel would send the thread from the monitor's code to the
 *	program's abort handler)
 * @rseq_sig: its signature
 * @node: in @mon->tasks, under its tasks_lock
 * @park: queued by another thread's excursion: wait until it closes
 * @park_mon: the monitor that queued @park
 * @park_flags: bit 0: @park is queued
 * @parked: the thread waits in @park
 * @var: the thread is a variant of a group (group.c): its side of it
 *
 * Only the thread itself changes its struct kmvx_task, except
 * @child_work of a child that is not running yet, and the parking
 * state (park.c).
 */
struct kmvx_task {
	struct rcu_head rcu;
	struct kmvx_monitor *mon;
	struct kmvx_policy *inherit;
	struct task_struct *task;
	bool in_excursion;
	bool in_monitor_call;
	bool prev_valid;
	enum kmvx_pending pending;
	struct pt_regs saved;
	u64 cookie;
	u64 start_ns;
	u64 prev_cookie;
	s64 prev_result;
	u64 prev_ns;
	u64 log_seq;
	struct kmvx_task *spare_task;
	struct kmvx_monitor *spare_mon;
	struct callback_head child_work;
#ifdef CONFIG_RSEQ
	struct rseq __user *rseq;
	u32 rseq_sig;
#endif
	struct list_head node;
	struct mvx_hook_work park;
	struct kmvx_monitor *park_mon;
	unsigned long park_flags;
	bool parked;
	struct kmvx_variant *var;
};

/* What the hook (hook.c) calls for monitors; enter and exit: excursion.h */
long kmvx_monitor_register(const struct mvx_monitor_desc *d);
bool kmvx_monitor_fork(struct task_struct *child, u64 clone_flags);
void kmvx_monitor_task_exit(struct task_struct *task);
int kmvx_monitor_adopt(struct kmvx_variant *v);

/* Whether sessions may unhook a process (session.c). */
bool kmvx_monitor_process_hooked(struct task_struct *task);

/* For excursions (excursion.c) and the guard (guard.c). */
struct kmvx_task *kmvx_task_current(void);
int kmvx_monitor_take_turn(struct kmvx_monitor *m);
void kmvx_monitor_give_turn(struct kmvx_monitor *m);
bool kmvx_monitor_open(struct kmvx_monitor *m);
bool kmvx_monitor_close(struct kmvx_monitor *m);
int kmvx_monitor_prepare_fork(struct kmvx_task *t);
void kmvx_monitor_exec(struct kmvx_task *t);

struct kmvx_monitor *kmvx_monitor_find(struct mm_struct *mm);
struct kmvx_monitor *kmvx_monitor_get(struct mm_struct *mm);
struct kmvx_monitor *kmvx_monitor_of(struct task_struct *task);
void kmvx_monitor_put(struct kmvx_monitor *m);
bool kmvx_monitor_awaiting(struct task_struct *task);

/* Another reference to @m, of which the caller holds one. */
static inline struct kmvx_monitor *kmvx_monitor_hold(struct kmvx_monitor *m)
{
	refcount_inc(&m->ref);
	return m;
}

/* The area of @m that holds the process's address @addr, or NULL. */
static inline struct kmvx_area *kmvx_monitor_area(struct kmvx_monitor *m,
						  u64 addr)
{
	return kmvx_area_find(m->areas, m->nr_ranges, addr);
}

/* Whether [start, start + len) reaches @m's memory. */
static inline bool kmvx_monitor_overlaps(const struct kmvx_monitor *m,
					 u64 start, u64 len)
{
	return kmvx_range_overlaps(m->ranges, m->nr_ranges, start, len);
}

#endif /* KMVX_MONITOR_H */
