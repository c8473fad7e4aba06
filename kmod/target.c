// SPDX-License-Identifier: GPL-2.0
/*
 * The process a request names: its lookup in the caller's pid namespace,
 * and whether the caller may act on it.
 */

#include <linux/err.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task.h>

#include "target.h"

/**
 * kmvx_task_get - look up a task by pid, without any check
 * @nr: pid in the caller's pid namespace
 *
 * Return: a referenced task, or NULL if there is none.
 */
struct task_struct *kmvx_task_get(pid_t nr)
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
 * kmvx_target_get - look up a process the caller wants to act on
 * @nr: pid in the caller's pid namespace
 *
 * Return: a referenced task, to be released with put_task_struct() before
 * the ioctl returns, or ERR_PTR(-EINVAL) for a non-positive pid, a kernel
 * thread or an exiting task, ERR_PTR(-ESRCH) if there is no such task,
 * ERR_PTR(-EPERM) if the caller may not ptrace it.
 */
struct task_struct *kmvx_target_get(pid_t nr)
{
	struct task_struct *task;
	int err = 0;

	if (nr <= 0)
		return ERR_PTR(-EINVAL);

	task = kmvx_task_get(nr);
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
