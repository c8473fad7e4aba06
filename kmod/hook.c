// SPDX-License-Identifier: GPL-2.0
/*
 * The one system call hook kmvx registers (patches 2 and 4), shared by
 * sessions (dup.c) and monitors (monitor.c, excursion.c), and the entry
 * of the mvx() system call.
 *
 * A monitored thread's call is seen by the monitor first: a call that
 * becomes an excursion, or whose result the monitor gives, never runs,
 * so sessions do not see it; a call that runs is seen by both.
 */

#include <linux/mvx_hook.h>
#include <linux/sched.h>
#include <asm/syscall.h>

#include <mvx.h>

#include "device.h"
#include "dup.h"
#include "excursion.h"
#include "group.h"
#include "inherit.h"
#include "hook.h"
#include "monitor.h"
#include "time.h"

static bool kmvx_hook_on_enter(struct pt_regs *regs, long nr)
{
	if (kmvx_excursion_enter(regs, nr))
		return true;
	/* A monitor's return restores the program's call. */
	return kmvx_dup_enter(regs, syscall_get_nr(current, regs));
}

static void kmvx_hook_on_exit(struct pt_regs *regs)
{
	if (!kmvx_excursion_exit(regs))
		kmvx_dup_exit(regs);
}

static bool kmvx_hook_on_fork(struct task_struct *child, u64 clone_flags)
{
	bool dup = kmvx_dup_fork(child, clone_flags);

	return kmvx_monitor_fork(child, clone_flags) || dup;
}

/*
 * mvx(MVX_CALL_REGISTER, desc), mvx(MVX_CALL_POLICY, buf, size) and
 * mvx(MVX_CALL_GROUP, call): see the uapi header. Like an ioctl's
 * request, the descriptor is copied in here, at the entry.
 */
static long kmvx_hook_on_call(unsigned int op, unsigned long arg1,
			   unsigned long arg2, unsigned long arg3)
{
	struct mvx_monitor_desc d;
	struct mvx_group_call c;
	u32 usize;
	int ret;

	switch (op) {
	case MVX_CALL_REGISTER:
		ret = kmvx_copy_request(&d, sizeof(d), (void __user *)arg1,
					MVX_MONITOR_DESC_SIZE_VER0, &usize);
		if (ret)
			return ret;
		return kmvx_monitor_register(&d);
	case MVX_CALL_RETURN:
		/* The enter callback consumes every return that is valid. */
		return -EPERM;
	case MVX_CALL_POLICY:
		return kmvx_inherit_read(current->mvx_data,
					 (void __user *)arg1, arg2);
	case MVX_CALL_GROUP:
		ret = kmvx_copy_request(&c, sizeof(c), (void __user *)arg1,
					MVX_GROUP_CALL_SIZE_VER0, &usize);
		return ret ?: kmvx_group_describe(&c);
	default:
		return -EINVAL;
	}
}

static const struct mvx_hook_ops kmvx_hook_ops = {
	.enter		= kmvx_hook_on_enter,
	.exit		= kmvx_hook_on_exit,
	.fork		= kmvx_hook_on_fork,
	.call		= kmvx_hook_on_call,
	.task_exit	= kmvx_monitor_task_exit,
	.trap		= kmvx_time_trap,
	.no_vdso	= kmvx_time_no_vdso,
};

int kmvx_hook_init(void)
{
	return mvx_hook_register(&kmvx_hook_ops);
}

void kmvx_hook_exit(void)
{
	mvx_hook_unregister(&kmvx_hook_ops);
}
