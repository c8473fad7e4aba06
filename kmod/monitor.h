/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_MONITOR_H
#define MVX_MONITOR_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/ptrace.h>
#include <linux/refcount.h>
#include <linux/task_work.h>
#include <linux/types.h>

#include <mvx.h>

#include "area.h"
#include "log.h"

struct mm_struct;
struct task_struct;

#define MVX_TURN_BIT	0

/**
 * struct mvx_monitor - the registered monitor of one address space
 * @node: in mvx_monitors, hashed by @mm
 * @rcu: frees it after lookups under RCU are done
 * @ref: held by each task's struct mvx_task that uses it
 * @mm: the address space (mmgrab()ed, so the address is not reused)
 * @turn: bit MVX_TURN_BIT, one excursion at a time; held from the
 *	excursion's start to its MVX_CALL_RETURN, possibly across returns
 *	to user space (a bit lock: a semaphore's spinlock cost more than
 *	the wait it never has with one thread)
 * @entry: entry point of excursions
 * @stack_top: where the struct mvx_call goes
 * @records: the record area MVX_IOC_MONITOR_READ reads
 * @records_size: its size
 * @log: the call log, inside the record area
 * @nr_ranges: entries of @ranges used
 * @ranges: the monitor's memory
 * @areas: kmvx's pages for each range, mapped only during excursions
 * @src: for a forked child's copy until it has its pages: the parent's
 * @exempt: system calls that run without an excursion
 * @excursions: excursions made
 * @refused: tampering attempts refused
 *
 * Everything but the counters is fixed once the monitor is hashed.
 */
struct mvx_monitor {
	struct hlist_node node;
	struct rcu_head rcu;
	refcount_t ref;
	struct mm_struct *mm;
	unsigned long turn;
	u64 entry;
	u64 stack_top;
	u64 records;
	u64 records_size;
	struct mvx_log log;
	u32 nr_ranges;
	struct mvx_range ranges[MVX_MONITOR_RANGES_MAX];
	struct mvx_area areas[MVX_MONITOR_RANGES_MAX];
	struct mvx_monitor *src;
	DECLARE_BITMAP(exempt, MVX_SYSCALL_MAX);
	atomic64_t excursions;
	atomic64_t refused;
};

/* What the exit callback does for the call the enter callback saw. */
enum mvx_pending {
	MVX_PENDING_NONE,
	MVX_PENDING_REDIRECTED,	/* the call became an excursion */
	MVX_PENDING_RESULT,	/* the monitor gave the result */
	MVX_PENDING_EXECUTED,	/* the monitor let the call run */
	MVX_PENDING_PASSED,	/* exempt, or not forwarded at all */
};

/**
 * struct mvx_task - a monitored thread (task_struct.mvx_data)
 * @rcu: MVX_IOC_MONITOR_INFO reads other tasks' state under RCU
 * @mon: its monitor, or NULL after execve() until the new program's
 *	monitor registers
 * @in_excursion: the thread runs the monitor, @saved holds its context
 * @pending: enum mvx_pending
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
 *
 * Only the thread itself changes its struct mvx_task, except
 * @child_work of a child that is not running yet.
 */
struct mvx_task {
	struct rcu_head rcu;
	struct mvx_monitor *mon;
	bool in_excursion;
	bool prev_valid;
	enum mvx_pending pending;
	struct pt_regs saved;
	u64 cookie;
	u64 start_ns;
	u64 prev_cookie;
	s64 prev_result;
	u64 prev_ns;
	u64 log_seq;
	struct mvx_task *spare_task;
	struct mvx_monitor *spare_mon;
	struct callback_head child_work;
};

/* excursion.c: the hook's enter and exit callbacks for monitored tasks */
bool mvx_monitor_enter(struct pt_regs *regs, long nr);
bool mvx_monitor_exit(struct pt_regs *regs);

bool mvx_monitor_fork(struct task_struct *child, u64 clone_flags);
long mvx_monitor_call(unsigned int op, unsigned long arg1, unsigned long arg2,
		      unsigned long arg3);
void mvx_monitor_task_exit(struct task_struct *task);
bool mvx_monitor_process_hooked(struct task_struct *task);

/* monitor.c, for excursion.c and guard.c */
struct mvx_task *mvx_task_current(void);
int mvx_monitor_take_turn(struct mvx_monitor *m);
void mvx_monitor_give_turn(struct mvx_monitor *m);
void mvx_monitor_open(struct mvx_monitor *m);
void mvx_monitor_close(struct mvx_monitor *m);
struct mvx_area *mvx_monitor_area(struct mvx_monitor *m, u64 addr);
int mvx_monitor_prepare_fork(struct mvx_task *t);
void mvx_monitor_exec(struct mvx_task *t);

struct mvx_monitor *mvx_monitor_find(struct mm_struct *mm);
struct mvx_monitor *mvx_monitor_get(struct mm_struct *mm);
struct mvx_monitor *mvx_monitor_of(struct task_struct *task);
void mvx_monitor_put(struct mvx_monitor *m);
bool mvx_monitor_overlaps(const struct mvx_monitor *m, u64 start, u64 len);
bool mvx_range_has(const struct mvx_range *ranges, u32 n, u64 start, u64 len,
		   u32 prot);

long mvx_ioctl_monitor_info(struct mvx_monitor_info __user *uarg);
long mvx_ioctl_monitor_read(struct mvx_monitor_read __user *uarg);

#endif /* MVX_MONITOR_H */
