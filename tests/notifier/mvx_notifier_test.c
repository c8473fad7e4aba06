// SPDX-License-Identifier: GPL-2.0
/*
 * mvx_notifier_test - an MMU notifier on one process, for the tests
 *
 * A secondary MMU (KVM's, an IOMMU's) can map a process's memory, the
 * monitor's "[mvx]" pages included, and learns of entries that go away
 * only through MMU notifiers. kmvx clears the monitor's entries after
 * every excursion; for a process with notifiers it must do so in a way
 * that tells them (kmod/area.c). This module registers a notifier on
 * the process @pid and counts the invalidations that overlap
 * [@start, @end), which the test sets to a "[mvx]" mapping of it:
 *
 *   insmod mvx_notifier_test.ko pid=PID start=0x... end=0x...
 *   cat /sys/module/mvx_notifier_test/parameters/invalidations
 */

#include <linux/atomic.h>
#include <linux/mm.h>
#include <linux/mmu_notifier.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>

static int pid;
module_param(pid, int, 0444);
MODULE_PARM_DESC(pid, "process to watch");

static unsigned long start, end;
module_param(start, ulong, 0444);
MODULE_PARM_DESC(start, "first address of the range counted");
module_param(end, ulong, 0444);
MODULE_PARM_DESC(end, "end of the range counted");

static atomic_long_t invalidations;

static int invalidations_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%ld\n", atomic_long_read(&invalidations));
}

static const struct kernel_param_ops invalidations_ops = {
	.get = invalidations_get,
};
module_param_cb(invalidations, &invalidations_ops, NULL, 0444);
MODULE_PARM_DESC(invalidations, "invalidations that overlapped the range");

static struct mm_struct *watched;

static int mvx_nt_start(struct mmu_notifier *mn,
			const struct mmu_notifier_range *range)
{
	if (range->start < end && start < range->end)
		atomic_long_inc(&invalidations);
	return 0;
}

static const struct mmu_notifier_ops mvx_nt_ops = {
	.invalidate_range_start = mvx_nt_start,
};

static struct mmu_notifier mvx_nt = {
	.ops = &mvx_nt_ops,
};

static int __init mvx_nt_init(void)
{
	struct task_struct *task;
	struct mm_struct *mm;
	struct pid *p;
	int ret;

	if (start >= end)
		return -EINVAL;
	p = find_get_pid(pid);
	task = get_pid_task(p, PIDTYPE_PID);
	put_pid(p);
	if (!task)
		return -ESRCH;
	mm = get_task_mm(task);
	put_task_struct(task);
	if (!mm)
		return -ESRCH;
	ret = mmu_notifier_register(&mvx_nt, mm);
	if (!ret) {
		mmgrab(mm);
		watched = mm;
	}
	mmput(mm);
	return ret;
}

static void __exit mvx_nt_exit(void)
{
	mmu_notifier_unregister(&mvx_nt, watched);
	mmdrop(watched);
}

module_init(mvx_nt_init);
module_exit(mvx_nt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("MMU notifier on one process, for mvx's tests");
