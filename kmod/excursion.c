// SPDX-License-Identifier: GPL-2.0
/*
 * Excursions: a monitored thread's system call becomes a visit to its
 * monitor, and mvx(MVX_CALL_RETURN) ends the visit.
 *
 * At a forwarded call the thread takes its monitor's turn, the monitor's
 * pages are opened, the thread's registers are saved here (not in memory
 * the program can reach), its signals are held back (patch 6: they stay
 * pending, the signal mask does not change) and the thread resumes at
 * the monitor's entry point with a struct mvx_call on the monitor's
 * stack. System calls from the monitor's code during the excursion run
 * as they are. The return closes the pages, puts the registers back,
 * releases the signals, gives up the turn, and either sets the call's
 * result or lets the call run as the program made it: the enter callback
 * then leaves the restored registers to the system call dispatcher, so
 * the call sees exactly the program's context, which is what
 * rt_sigreturn, clone and execve need. Signals that arrived meanwhile
 * are delivered on the way back to the program.
 */

#include <linux/compat.h>
#include <linux/ktime.h>
#include <linux/mman.h>
#include <linux/mvx_hook.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sched/signal.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include <mvx.h>

#include "area.h"
#include "excursion.h"
#include "group.h"
#include "guard.h"
#include "inherit.h"
#include "monitor.h"
#include "park.h"
#include "pkey.h"
#include "stats.h"

static bool kmvx_is_fork(long nr)
{
	return nr == __NR_clone || nr == __NR_clone3 || nr == __NR_fork ||
	       nr == __NR_vfork;
}

/* The clone flags of fork-family call @nr; clone3's are not looked at. */
static u64 kmvx_clone_flags(const struct pt_regs *regs, long nr)
{
	switch (nr) {
	case __NR_clone:
		return regs->di;
	case __NR_vfork:
		return CLONE_VM | CLONE_VFORK;
	case __NR_fork:
		return 0;
	default:
		return CLONE_THREAD;
	}
}

static bool kmvx_is_exec(long nr)
{
	return nr == __NR_execve || nr == __NR_execveat;
}

/* Nanoseconds since @start; the clock may differ a little between CPUs. */
static u64 kmvx_elapsed(u64 start)
{
	u64 now = local_clock();

	return now > start ? now - start : 0;
}

/* The call does not run; the program sees @ret. */
static bool kmvx_skip(struct kmvx_task *t, struct pt_regs *regs, long ret)
{
	regs->ax = ret;
	t->pending = KMVX_PENDING_RESULT;
	return true;
}

/*
 * Checks that let a call run from the program's context: a child needs
 * its state allocated beforehand, and tampering is refused.
 */
static bool kmvx_may_run(struct kmvx_task *t, struct pt_regs *regs, long nr)
{
	/* A variant's child must be a variant of the children's group. */
	if (kmvx_is_fork(nr) && t->var &&
	    !kmvx_group_may_fork(t, kmvx_clone_flags(regs, nr)))
		return !kmvx_skip(t, regs, -EPERM);
	if (kmvx_is_fork(nr) && t->mon && kmvx_monitor_prepare_fork(t))
		return !kmvx_skip(t, regs, -ENOMEM);
	if (kmvx_guard_refuses(t->mon, regs, nr))
		return !kmvx_skip(t, regs, -EPERM);
	return true;
}

/*
 * Writes the struct mvx_call for @nr under the monitor's stack top, and
 * a zero return address under it, through kmvx's own mapping of the
 * monitor's memory. Return: where the call is in the process, or 0.
 */
static u64 kmvx_excursion_call(struct kmvx_task *t, struct pt_regs *regs,
			       long nr)
{
	struct kmvx_monitor *m = t->mon;
	u64 frame = round_down(m->stack_top - sizeof(struct mvx_call), 16);
	struct kmvx_area *stack = kmvx_monitor_area(m, frame - 8);
	struct mvx_call *call;
	unsigned long args[6];
	u64 *ret_addr;
	int i;

	ret_addr = stack ? kmvx_area_kaddr(stack, frame - 8,
					   8 + sizeof(*call)) : NULL;
	if (!ret_addr)
		return 0;
	*ret_addr = 0;
	call = (struct mvx_call *)(ret_addr + 1);

	syscall_get_arguments(current, regs, args);
	call->nr = nr;
	for (i = 0; i < 6; i++)
		call->args[i] = args[i];
	call->ip = regs->ip;
	call->sp = regs->sp;
	call->tid = task_pid_vnr(current);
	call->pid = task_tgid_vnr(current);
	call->__pad = 0;
	/* To the tick: ktime_get_ns() would read the clock device. */
	call->time_ns = ktime_get_coarse_ns();
	call->flags = (t->prev_valid ? MVX_CALL_PREV : 0) |
		      (t->var ? MVX_CALL_VARIANT : 0) |
		      (kmvx_group_follows(t) ? MVX_CALL_FOLLOWER : 0);
	call->prev_cookie = t->prev_valid ? t->prev_cookie : 0;
	call->prev_result = t->prev_valid ? t->prev_result : 0;
	call->prev_ns = t->prev_valid ? t->prev_ns : 0;
	kmvx_log_start(t, call);
	return frame;
}

/*
 * The kernel's rseq fix-up on the way back to user space would honour a
 * critical section of the program's that covers the monitor's code, and
 * send the thread from there to the program's abort handler with the
 * excursion open: the thread has no rseq area while in the monitor.
 */
static void kmvx_rseq_take(struct kmvx_task *t)
{
#ifdef CONFIG_RSEQ
	t->rseq = current->rseq;
	t->rseq_sig = current->rseq_sig;
	current->rseq = NULL;
#endif
}

/* Gives it back; the kernel updates it before the program runs again. */
static void kmvx_rseq_give(struct kmvx_task *t)
{
#ifdef CONFIG_RSEQ
	current->rseq = t->rseq;
	current->rseq_sig = t->rseq_sig;
	t->rseq = NULL;
	rseq_set_notify_resume(current);
#endif
}

/* Ends an excursion that could not start, or whose monitor is lost. */
static void kmvx_excursion_abort(struct kmvx_task *t)
{
	struct kmvx_monitor *m = t->mon;

	kmvx_monitor_close(m);
	t->in_excursion = false;
	kmvx_park_release(m);
	kmvx_monitor_give_turn(m);
}

static bool kmvx_excursion_start(struct kmvx_task *t, struct pt_regs *regs,
				 long nr)
{
	struct kmvx_monitor *m = t->mon;
	u64 frame;

	if (kmvx_monitor_take_turn(m))
		return kmvx_skip(t, regs, -EINTR);
	/* The fault handler maps pages for a thread in an excursion. */
	t->in_excursion = true;
	if (kmvx_park_others(t)) {
		t->in_excursion = false;
		kmvx_monitor_give_turn(m);
		return kmvx_skip(t, regs, -EINTR);
	}
	if (!kmvx_monitor_open(m)) {
		kmvx_excursion_abort(t);
		force_sig(SIGKILL);
		return kmvx_skip(t, regs, -EPERM);
	}

	frame = kmvx_excursion_call(t, regs, nr);
	if (!frame) {
		kmvx_excursion_abort(t);
		return kmvx_skip(t, regs, -EFAULT);
	}

	t->prev_valid = false;
	t->saved = *regs;
	kmvx_pkey_allow(m->pkey);
	kmvx_rseq_take(t);
	mvx_hook_hold_signals();
	t->pending = KMVX_PENDING_REDIRECTED;
	atomic64_inc(&m->excursions);

	/* As after "call entry" with %rdi = frame, in the ABI's state. */
	regs->ip = m->entry;
	regs->sp = frame - 8;
	regs->di = frame;
	regs->ax = 0;
	regs->flags &= ~(X86_EFLAGS_DF | X86_EFLAGS_AC | X86_EFLAGS_TF);
	/* What sysret needs, so the return need not take iret. */
	regs->cx = regs->ip;
	regs->r11 = regs->flags;
	return true;
}

/* mvx(MVX_CALL_RETURN, action, value, cookie) from the monitor's code. */
static bool kmvx_excursion_return(struct kmvx_task *t, struct pt_regs *regs)
{
	struct kmvx_monitor *m = t->mon;
	unsigned long action = regs->si;
	unsigned long value = regs->dx;
	u64 cookie = regs->r10;
	long nr;

	if (action < MVX_ACT_RESULT || action > MVX_ACT_KILL)
		return kmvx_skip(t, regs, -EINVAL);
	kmvx_log_return(t, action, value);
	if (!kmvx_monitor_close(m))
		action = MVX_ACT_KILL;	/* the monitor's memory is lost */
	*regs = t->saved;
	kmvx_pkey_deny(m->pkey);
	kmvx_rseq_give(t);
	/* A variant's signals wait for its group (group.c). */
	if (!t->var && mvx_hook_release_signals())
		atomic64_inc(&kmvx_stat_held_signals);
	t->in_excursion = false;
	kmvx_park_release(m);
	kmvx_monitor_give_turn(m);

	nr = syscall_get_nr(current, regs);
	/* A variant meets the others with the monitor's pages closed. */
	if (t->var)
		action = kmvx_group_meet(t, regs, action, (long *)&value);
	switch (action) {
	case MVX_ACT_RESULT:
		return kmvx_skip(t, regs, value);
	case MVX_ACT_KILL:
		force_sig(SIGKILL);
		return kmvx_skip(t, regs, -EPERM);
	default:
		if (!kmvx_may_run(t, regs, nr))
			return true;
		t->cookie = cookie;
		/*
		 * Durations come from the scheduler clock, which never reads
		 * a clock device.
		 */
		t->start_ns = local_clock();
		t->pending = KMVX_PENDING_EXECUTED;
		return false;
	}
}

/**
 * kmvx_excursion_enter - the enter callback for a monitored thread
 * @regs: its registers
 * @nr: the system call
 *
 * Return: true if the call was consumed (it became an excursion, or has
 * its result), false if it runs.
 */
bool kmvx_excursion_enter(struct pt_regs *regs, long nr)
{
	struct kmvx_task *t = kmvx_task_current();

	if (!t)
		return false;
	t->pending = KMVX_PENDING_NONE;

	if (in_compat_syscall()) {
		/* 32-bit calls would get around the monitor. */
		return kmvx_skip(t, regs, -EPERM);
	}
	if (!t->mon) {
		/*
		 * A variant has no rseq area (libmvx answers the same): the
		 * kernel would write the variant's own CPU number there,
		 * which sched_getcpu() reads instead of the leader's.
		 */
		if (nr == __NR_rseq && kmvx_group_awaiting(t))
			return kmvx_skip(t, regs, -EPERM);
		/* After execve, until the new program's monitor registers. */
		if ((t->inherit || kmvx_group_awaiting(t)) &&
		    !kmvx_inherit_allows(regs, nr)) {
			pr_warn_ratelimited("pid %d (%s): system call %ld before its monitor registered: killed\n",
					    task_tgid_vnr(current), current->comm,
					    nr);
			force_sig(SIGKILL);
			return kmvx_skip(t, regs, -EPERM);
		}
		if (!kmvx_may_run(t, regs, nr))
			return true;
		t->pending = KMVX_PENDING_PASSED;
		return false;
	}
	if (t->in_excursion) {
		if (!kmvx_range_has(t->mon->ranges, t->mon->nr_ranges,
				    regs->ip, 1, PROT_EXEC)) {
			force_sig(SIGKILL);
			return kmvx_skip(t, regs, -EPERM);
		}
		if (nr == MVX_NR_mvx && regs->di == MVX_CALL_RETURN)
			return kmvx_excursion_return(t, regs);
		t->in_monitor_call = true;
		return false;	/* the trusted path */
	}
	/*
	 * Whatever the program's code did to its PKRU, the kernel's copies
	 * for this call cannot reach the monitor's pages (pkey.c).
	 */
	kmvx_pkey_deny(t->mon->pkey);
	if (nr == MVX_NR_mvx)
		return kmvx_skip(t, regs, -EPERM);
	/*
	 * A variant's every call is compared but for those that are its
	 * threads' own business (group.c); the policy exempts nothing.
	 */
	if (nr >= 0 && nr < MVX_SYSCALL_MAX &&
	    (t->var ? kmvx_group_own_call(regs, nr) :
		      test_bit(nr, t->mon->exempt))) {
		if (!kmvx_may_run(t, regs, nr))
			return true;
		t->pending = KMVX_PENDING_PASSED;
		return false;
	}
	return kmvx_excursion_start(t, regs, nr);
}

/**
 * kmvx_excursion_exit - the exit callback for a monitored thread
 * @regs: its registers
 *
 * Return: true if the call did not run as the program made it (other
 * users of the hook must not account for it).
 */
bool kmvx_excursion_exit(struct pt_regs *regs)
{
	struct kmvx_task *t = current->mvx_data;
	enum kmvx_pending pending;
	long nr, ret;

	if (!t)
		return false;
	t->in_monitor_call = false;
	pending = t->pending;
	t->pending = KMVX_PENDING_NONE;
	nr = syscall_get_nr(current, regs);
	ret = regs->ax;

	switch (pending) {
	case KMVX_PENDING_REDIRECTED:
		return true;
	case KMVX_PENDING_RESULT:
		if (kmvx_group_returning(t))
			kmvx_group_returns(t, regs);
		return true;
	case KMVX_PENDING_EXECUTED:
		if (kmvx_group_returning(t)) {
			kmvx_group_returns(t, regs);
			ret = regs->ax;
		}
		if (kmvx_is_exec(nr) && !ret) {
			kmvx_monitor_exec(t);
			if (t->var)
				kmvx_group_exec(t);
			return false;
		}
		t->prev_valid = true;
		t->prev_cookie = t->cookie;
		t->prev_result = ret;
		t->prev_ns = kmvx_elapsed(t->start_ns);
		return false;
	case KMVX_PENDING_PASSED:
		if (kmvx_is_exec(nr) && !ret && t->mon)
			kmvx_monitor_exec(t);
		if (kmvx_is_exec(nr) && !ret && t->var)
			kmvx_group_exec(t);
		return false;
	default:
		return false;
	}
}
