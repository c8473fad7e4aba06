// SPDX-License-Identifier: GPL-2.0
/*
 * The one system call hook kmvx registers (patches 2 and 4), shared by
 * sessions (dup.c) and monitors (monitor.c, excursion.c).
 *
 * A monitored thread's call is seen by the monitor first: a call that
 * becomes an excursion, or whose result the monitor gives, never runs,
 * so sessions do not see it; a call that runs is seen by both.
 */

#include <linux/mvx_hook.h>
#include <linux/sched.h>
#include <asm/syscall.h>

#include "dup.h"
#include "hook.h"
#include "monitor.h"

static bool mvx_enter(struct pt_regs *regs, long nr)
{
	if (mvx_monitor_enter(regs, nr))
		return true;
	/* A monitor's return restores the program's call. */
	return mvx_dup_enter(regs, syscall_get_nr(current, regs));
}

static void mvx_exit(struct pt_regs *regs)
{
	if (!mvx_monitor_exit(regs))
		mvx_dup_exit_call(regs);
}

static bool mvx_fork(struct task_struct *child, u64 clone_flags)
{
	bool dup = mvx_dup_fork(child, clone_flags);

	return mvx_monitor_fork(child, clone_flags) || dup;
}

static const struct mvx_hook_ops mvx_ops = {
	.enter		= mvx_enter,
	.exit		= mvx_exit,
	.fork		= mvx_fork,
	.call		= mvx_monitor_call,
	.task_exit	= mvx_monitor_task_exit,
};

int kmvx_hook_init(void)
{
	return mvx_hook_register(&mvx_ops);
}

void kmvx_hook_exit(void)
{
	mvx_hook_unregister(&mvx_ops);
}
