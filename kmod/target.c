// SPDX-License-Identifier: GPL-2.0
/*
 * What every ioctl does before it acts: copy its size-versioned request
 * in, and look up and vet the process it names.
 */

#include <linux/err.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/uaccess.h>

#include <mvx.h>

#include "target.h"

/**
 * mvx_copy_request - copy in a request that starts with its __u32 size
 * @dst: kernel copy, @ksize bytes
 * @ksize: sizeof() the request as this module knows it
 * @src: user pointer
 * @size_ver0: the first published size of the request
 * @usize: set to the size the caller claimed
 *
 * Return: 0, -EFAULT, -EINVAL for a size below @size_ver0 or above
 * MVX_STRUCT_SIZE_MAX, or -E2BIG if bytes beyond @ksize are not zero.
 */
int mvx_copy_request(void *dst, size_t ksize, const void __user *src,
		     size_t size_ver0, u32 *usize)
{
	int ret;

	if (get_user(*usize, (const u32 __user *)src))
		return -EFAULT;
	if (*usize < size_ver0 || *usize > MVX_STRUCT_SIZE_MAX)
		return -EINVAL;

	ret = copy_struct_from_user(dst, ksize, src, *usize);
	if (ret)
		return ret;

	/* The size field itself is read again: keep the first value. */
	*(u32 *)dst = *usize;
	return 0;
}

/**
 * mvx_task_get - look up a task by pid, without any check
 * @nr: pid in the caller's pid namespace
 *
 * Return: a referenced task, or NULL if there is none.
 */
struct task_struct *mvx_task_get(pid_t nr)
{
	struct task_struct *task;

	rcu_read_lock();
	task = pid_task(find_vpid(nr), PIDTYPE_PID);
	if (task)
		get_task_struct(task);
	rcu_read_unlock();
	return task;
}

/**
 * mvx_target_get - look up a process the caller wants to act on
 * @nr: pid in the caller's pid namespace
 *
 * Return: a referenced task, to be released with put_task_struct() before
 * the ioctl returns, or ERR_PTR(-EINVAL) for a non-positive pid, a kernel
 * thread or an exiting task, ERR_PTR(-ESRCH) if there is no such task,
 * ERR_PTR(-EPERM) if the caller may not ptrace it.
 */
struct task_struct *mvx_target_get(pid_t nr)
{
	struct task_struct *task;
	int err = 0;

	if (nr <= 0)
		return ERR_PTR(-EINVAL);

	task = mvx_task_get(nr);
	if (!task)
		return ERR_PTR(-ESRCH);

	if (task->flags & (PF_KTHREAD | PF_EXITING))
		err = -EINVAL;
	else if (!ptrace_may_access(task, PTRACE_MODE_ATTACH_REALCREDS))
		err = -EPERM;

	if (err) {
		put_task_struct(task);
		return ERR_PTR(err);
	}
	return task;
}
