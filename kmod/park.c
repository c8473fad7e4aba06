// SPDX-License-Identifier: GPL-2.0
/*
 * Parking: while one thread of a process runs its monitor, no other task
 * that shares the address space runs in user space.
 *
 * Page tables belong to the address space, not to a thread: the entries
 * an excursion makes present for the monitor are present for every task
 * of the address space, and a thread that makes no system call at all
 * could read and write the monitor's pages meanwhile. So each monitor
 * knows every task that uses it (@tasks), and an excursion's start
 * queues a task work on each of the others, which a task running in user
 * space is sent into the kernel for (TWA_SIGNAL: an interrupt of its
 * CPU). The start then waits until each of them is parked in that work,
 * or is on no CPU: a task that is not running is in the kernel (asleep
 * in a system call, or preempted), and runs the work before it next
 * returns to user space. The excursion's return releases them.
 *
 * A task in the kernel is not parked: a system call of a sibling that
 * sleeps still copies to and from the addresses the program gave it when
 * it wakes. The guard refuses calls whose buffers reach the monitor's
 * memory before they start (guard.c); an address the kernel reads from
 * the program's memory later (an iovec's, a msghdr's) is not checked:
 * see doc/MONITOR.md.
 *
 * Registration needs the process to be the only user of its address
 * space (kmvx_park_alone()), and fork adds each child that shares it
 * before the child first runs, so @tasks is complete.
 */

#include <linux/list.h>
#include <linux/mvx_hook.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "monitor.h"
#include "park.h"

#define KMVX_PARK_QUEUED	0

void kmvx_park_init(struct kmvx_monitor *m)
{
	spin_lock_init(&m->tasks_lock);
	INIT_LIST_HEAD(&m->tasks);
	init_waitqueue_head(&m->park_wq);
}

static void kmvx_park_work(struct mvx_hook_work *work);

/*
 * Once per task: the work is queued again and again, and may be queued
 * while its last run is still returning.
 */
void kmvx_park_task_init(struct kmvx_task *t, struct task_struct *task)
{
	t->task = task;
	INIT_LIST_HEAD(&t->node);
	mvx_hook_work_init(&t->park, kmvx_park_work);
}

static void kmvx_park_work(struct mvx_hook_work *work)
{
	struct kmvx_task *t = container_of(work, struct kmvx_task, park);
	struct kmvx_monitor *m = t->mon;

	clear_bit(KMVX_PARK_QUEUED, &t->park_flags);
	/* A work queued from here on runs again after this one returns. */
	smp_mb__after_atomic();
	/*
	 * After an execve() the monitor that queued it is not this one; and
	 * a work queued while the task waited for its turn runs as it goes
	 * into its own excursion.
	 */
	if (!m || m != t->park_mon || t->in_excursion)
		return;
	WRITE_ONCE(t->parked, true);
	/*
	 * Parked before @m->open is read: kmvx_park_others() sets it, then
	 * reads ->parked; one of the two sees the other.
	 */
	smp_mb();
	/* Killable: a monitor that never returns must not keep it alive. */
	wait_event_killable(m->park_wq, !READ_ONCE(m->open));
	WRITE_ONCE(t->parked, false);
	/* No longer parked before the task looks for more work. */
	smp_mb();
}

/* Sends @t to park, unless it has a park work queued already. */
static void kmvx_park_queue(struct kmvx_monitor *m, struct kmvx_task *t)
{
	lockdep_assert_held(&m->tasks_lock);
	if (test_and_set_bit(KMVX_PARK_QUEUED, &t->park_flags))
		return;
	t->park_mon = m;
	/* Fails only for a task past its last return to user space. */
	if (mvx_hook_work_add(t->task, &t->park, TWA_SIGNAL))
		clear_bit(KMVX_PARK_QUEUED, &t->park_flags);
}

/**
 * kmvx_park_add - count @t among the tasks of @m
 * @m: the monitor
 * @t: a task's state, @t->task set, not running in user space yet
 *
 * A task added while an excursion is open parks before it first runs
 * in user space.
 */
void kmvx_park_add(struct kmvx_monitor *m, struct kmvx_task *t)
{
	unsigned long flags;

	spin_lock_irqsave(&m->tasks_lock, flags);
	list_add_tail(&t->node, &m->tasks);
	if (m->open)
		kmvx_park_queue(m, t);
	spin_unlock_irqrestore(&m->tasks_lock, flags);
}

/**
 * kmvx_park_del - @t no longer uses @m (it exits, or has exec'd)
 * @m: the monitor
 * @t: the current task's state
 *
 * Takes back a park work that was queued and has not run: the task
 * that exits would run it after its state is freed.
 */
void kmvx_park_del(struct kmvx_monitor *m, struct kmvx_task *t)
{
	unsigned long flags;

	spin_lock_irqsave(&m->tasks_lock, flags);
	list_del_init(&t->node);
	spin_unlock_irqrestore(&m->tasks_lock, flags);
	if (test_bit(KMVX_PARK_QUEUED, &t->park_flags) &&
	    mvx_hook_work_cancel(current, &t->park))
		clear_bit(KMVX_PARK_QUEUED, &t->park_flags);
}

/* Whether @t may run in user space while an excursion of @m is open. */
static bool kmvx_park_pending(struct kmvx_task *t)
{
	return !READ_ONCE(t->parked) && READ_ONCE(t->task->on_cpu);
}

/* Whether every task of @m but @self is parked or off its CPU. */
static bool kmvx_park_done(struct kmvx_monitor *m, struct kmvx_task *self)
{
	struct kmvx_task *t;
	unsigned long flags;
	bool done = true;

	spin_lock_irqsave(&m->tasks_lock, flags);
	list_for_each_entry(t, &m->tasks, node) {
		if (t != self && kmvx_park_pending(t)) {
			done = false;
			break;
		}
	}
	spin_unlock_irqrestore(&m->tasks_lock, flags);
	return done;
}

/**
 * kmvx_park_others - open an excursion of @self: park the other tasks
 * @self: the current task's state; it holds its monitor's turn
 *
 * Return: 0 once no other task of the monitor runs in user space, or
 * -EINTR if a fatal signal came first (the excursion is closed again).
 */
int kmvx_park_others(struct kmvx_task *self)
{
	struct kmvx_monitor *m = self->mon;
	struct kmvx_task *t;
	unsigned long flags;
	bool alone;

	spin_lock_irqsave(&m->tasks_lock, flags);
	WRITE_ONCE(m->open, true);
	alone = list_is_singular(&m->tasks);
	if (!alone)
		list_for_each_entry(t, &m->tasks, node)
			if (t != self)
				kmvx_park_queue(m, t);
	spin_unlock_irqrestore(&m->tasks_lock, flags);
	if (alone)
		return 0;

	/* The works are queued before the tasks' states are read. */
	smp_mb();
	while (!kmvx_park_done(m, self)) {
		if (fatal_signal_pending(current)) {
			kmvx_park_release(m);
			return -EINTR;
		}
		cond_resched();
		cpu_relax();
	}
	return 0;
}

/* Closes the excursion of @m: the parked tasks go on. */
void kmvx_park_release(struct kmvx_monitor *m)
{
	unsigned long flags;

	spin_lock_irqsave(&m->tasks_lock, flags);
	WRITE_ONCE(m->open, false);
	spin_unlock_irqrestore(&m->tasks_lock, flags);
	wake_up_all(&m->park_wq);
}

/*
 * Whether the current process is the only user of its address space:
 * one thread, and no other process made with CLONE_VM (a vfork() parent
 * included). Registration needs it, so that the monitor knows every
 * task that could reach its pages.
 */
bool kmvx_park_alone(void)
{
	struct mm_struct *mm = current->mm;
	struct task_struct *p, *t;
	bool alone = true;

	if (get_nr_threads(current) != 1)
		return false;
	if (atomic_read(&mm->mm_users) == 1)
		return true;
	/* Others hold the count for a while too (/proc readers). */
	rcu_read_lock();
	for_each_process_thread(p, t) {
		if (t != current && READ_ONCE(t->mm) == mm) {
			alone = false;
			break;
		}
	}
	rcu_read_unlock();
	return alone;
}
