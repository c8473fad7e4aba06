// SPDX-License-Identifier: GPL-2.0
/*
 * Monitors: registration by mvx(MVX_CALL_REGISTER), one monitor per
 * address space, the per-thread state (task_struct.mvx_data), and what
 * fork, execve and exit do to them. watch.c looks at them from outside.
 *
 * Lifetime. A struct kmvx_task holds a reference on its monitor, and each
 * struct kmvx_task pins this module, so kmvx cannot be unloaded while a
 * monitored thread exists. A monitor holds its mm_struct with mmgrab():
 * the hash is keyed by the mm's address, which must not be reused while
 * the monitor is hashed.
 */

#include <linux/hashtable.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/mvx_hook.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait_bit.h>
#include <asm/syscall.h>

#include <mvx.h>

#include "group.h"
#include "inherit.h"
#include "monitor.h"
#include "park.h"
#include "pkey.h"
#include "target.h"

static DEFINE_HASHTABLE(kmvx_monitors, 6);
/*
 * Writers of kmvx_monitors. Also taken by the fork callback under the
 * parent's siglock, which is irq-safe: always with interrupts off.
 */
static DEFINE_SPINLOCK(kmvx_monitors_lock);

/* The monitor of @mm, under rcu_read_lock() or kmvx_monitors_lock. */
struct kmvx_monitor *kmvx_monitor_find(struct mm_struct *mm)
{
	struct kmvx_monitor *m;

	hash_for_each_possible_rcu(kmvx_monitors, m, node, (unsigned long)mm,
				   lockdep_is_held(&kmvx_monitors_lock))
		if (m->mm == mm)
			return m;
	return NULL;
}

/* The monitor of @mm, referenced, or NULL. */
struct kmvx_monitor *kmvx_monitor_get(struct mm_struct *mm)
{
	struct kmvx_monitor *m;

	rcu_read_lock();
	m = kmvx_monitor_find(mm);
	if (m && !refcount_inc_not_zero(&m->ref))
		m = NULL;
	rcu_read_unlock();
	return m;
}

static struct kmvx_monitor *kmvx_monitor_alloc(gfp_t gfp)
{
	struct kmvx_monitor *m = kzalloc(sizeof(*m), gfp | __GFP_ACCOUNT);

	if (m) {
		refcount_set(&m->ref, 1);
		kmvx_park_init(m);
	}
	return m;
}

/* Hashes @m for @mm. Returns false if @mm has a monitor already. */
static bool kmvx_monitor_hash(struct kmvx_monitor *m, struct mm_struct *mm)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&kmvx_monitors_lock, flags);
	ok = !kmvx_monitor_find(mm);
	if (ok) {
		m->mm = mm;
		mmgrab(mm);
		hash_add_rcu(kmvx_monitors, &m->node, (unsigned long)mm);
	}
	spin_unlock_irqrestore(&kmvx_monitors_lock, flags);
	return ok;
}

static void kmvx_monitor_free(struct kmvx_monitor *m)
{
	u32 i;

	for (i = 0; i < MVX_MONITOR_RANGES_MAX; i++)
		kmvx_area_free(&m->areas[i]);
	kmvx_policy_put(m->policy);
	kfree(m);
}

static void kmvx_monitor_free_rcu(struct rcu_head *rcu)
{
	kmvx_monitor_free(container_of(rcu, struct kmvx_monitor, rcu));
}

void kmvx_monitor_put(struct kmvx_monitor *m)
{
	unsigned long flags;

	if (!m || !refcount_dec_and_test(&m->ref))
		return;
	kmvx_monitor_put(m->src);
	spin_lock_irqsave(&kmvx_monitors_lock, flags);
	hash_del_rcu(&m->node);
	spin_unlock_irqrestore(&kmvx_monitors_lock, flags);
	mmdrop(m->mm);
	call_rcu(&m->rcu, kmvx_monitor_free_rcu);
}

/*
 * State for @task, or for a child not made yet (NULL). None while kmvx
 * is being unloaded: a call that began before the hook went away must
 * not leave a task with state that outlives the module.
 */
static struct kmvx_task *kmvx_task_alloc(gfp_t gfp, struct task_struct *task)
{
	struct kmvx_task *t;

	if (!try_module_get(THIS_MODULE))
		return NULL;
	t = kzalloc(sizeof(*t), gfp | __GFP_ACCOUNT);
	if (!t) {
		module_put(THIS_MODULE);
		return NULL;
	}
	kmvx_park_task_init(t, task);
	return t;
}

static void kmvx_task_free(struct kmvx_task *t)
{
	/* A spare child state pins the module like any other. */
	if (t->spare_task)
		module_put(THIS_MODULE);
	kfree(t->spare_task);
	kfree(t->spare_mon);
	kmvx_monitor_put(t->mon);
	kmvx_policy_put(t->inherit);
	kmvx_group_variant_free(t->var);
	kfree_rcu(t, rcu);
	module_put(THIS_MODULE);
}

/**
 * kmvx_task_current - the monitored state of the current thread
 *
 * A thread that existed when its process registered a monitor, or that
 * the fork callback hooked without state, gets its state on its first
 * system call. Return: the state, or NULL if the thread's address space
 * has no monitor and the thread has no state (not monitored).
 */
struct kmvx_task *kmvx_task_current(void)
{
	struct kmvx_task *t = current->mvx_data;
	struct kmvx_monitor *m;

	if (t)
		return t;

	m = current->mm ? kmvx_monitor_get(current->mm) : NULL;
	if (!m)
		return NULL;

	t = kmvx_task_alloc(GFP_KERNEL, current);
	if (!t) {
		kmvx_monitor_put(m);
		return NULL;
	}
	t->mon = m;
	kmvx_park_add(m, t);
	current->mvx_data = t;
	return t;
}

/*
 * One excursion at a time per monitor: the pages are open for the
 * address space, not for a thread. A thread waits killable, so that a
 * monitor that never returns cannot keep the others from dying.
 * Return: 0, or -EINTR if a fatal signal came first.
 */
int kmvx_monitor_take_turn(struct kmvx_monitor *m)
{
	return wait_on_bit_lock(&m->turn, KMVX_TURN_BIT, TASK_KILLABLE);
}

void kmvx_monitor_give_turn(struct kmvx_monitor *m)
{
	clear_and_wake_up_bit(KMVX_TURN_BIT, &m->turn);
}

/*
 * Whether a process must stay hooked for its monitor, so that removing a
 * duplicate session does not unhook it.
 */
bool kmvx_monitor_process_hooked(struct task_struct *task)
{
	struct task_struct *t;
	bool hooked = false;

	rcu_read_lock();
	for_each_thread(task, t) {
		if (READ_ONCE(t->mvx_data) ||
		    (t->mm && kmvx_monitor_find(t->mm))) {
			hooked = true;
			break;
		}
	}
	rcu_read_unlock();
	return hooked;
}

/*
 * Maps the pages @m used last time into the current process.
 * Return: false if a range is no longer mapped as kmvx mapped it.
 */
bool kmvx_monitor_open(struct kmvx_monitor *m)
{
	struct mm_struct *mm = current->mm;
	bool ok = true;
	u32 i;

	mmap_read_lock(mm);
	for (i = 0; i < m->nr_ranges; i++)
		ok &= kmvx_area_open(&m->areas[i], mm);
	mmap_read_unlock(mm);
	return ok;
}

/*
 * Unmaps every page of @m from the current process.
 * Return: false if a range is no longer mapped as kmvx mapped it.
 */
bool kmvx_monitor_close(struct kmvx_monitor *m)
{
	struct mm_struct *mm = current->mm;
	bool ok = true;
	u32 i;

	mmap_read_lock(mm);
	for (i = 0; i < m->nr_ranges; i++)
		ok &= kmvx_area_close(&m->areas[i], mm);
	mmap_read_unlock(mm);
	return ok;
}

/* Maps each range of @m over the process's memory, as "[mvx]". */
static int kmvx_monitor_install(struct kmvx_monitor *m)
{
	struct mm_struct *mm = current->mm;
	int ret = 0;
	u32 i;

	if (mmap_write_lock_killable(mm))
		return -EINTR;
	for (i = 0; i < m->nr_ranges && !ret; i++)
		ret = kmvx_area_install(&m->areas[i], mm,
					kmvx_pkey_vm_flags(m->pkey));
	mmap_write_unlock(mm);
	return ret;
}

/* A key of the process's for @m's ranges, or none without PKU (pkey.c). */
static int kmvx_monitor_pkey(struct kmvx_monitor *m)
{
	struct mm_struct *mm = current->mm;
	int ret;

	if (mmap_write_lock_killable(mm))
		return -EINTR;
	ret = kmvx_pkey_alloc(mm);
	mmap_write_unlock(mm);
	if (ret < 0)
		return ret;
	m->pkey = ret;
	return 0;
}

static void kmvx_monitor_pkey_free(struct kmvx_monitor *m)
{
	struct mm_struct *mm = current->mm;

	mmap_write_lock(mm);
	kmvx_pkey_free(mm, m->pkey);
	mmap_write_unlock(mm);
	m->pkey = 0;
}

/* Every byte of [start, end) is mapped. */
static bool kmvx_range_mapped(struct mm_struct *mm, u64 start, u64 end)
{
	struct vm_area_struct *vma;
	bool ok = true;

	mmap_read_lock(mm);
	while (start < end) {
		vma = find_vma(mm, start);
		if (!vma || vma->vm_start > start) {
			ok = false;
			break;
		}
		start = vma->vm_end;
	}
	mmap_read_unlock(mm);
	return ok;
}

static int kmvx_monitor_check(const struct mvx_monitor_desc *d)
{
	const u32 prot_all = PROT_READ | PROT_WRITE | PROT_EXEC;
	u64 bytes = 0;
	u32 i, j;

	if ((d->flags & ~MVX_MONITOR_EXEC_UNMONITORED) || d->__pad ||
	    d->__pad3 || (!d->policy && d->policy_len) || !d->nr_ranges ||
	    d->nr_ranges > MVX_MONITOR_RANGES_MAX)
		return -EINVAL;
	for (i = 0; i < d->nr_ranges; i++) {
		const struct mvx_range *r = &d->ranges[i];

		if (r->__pad || (r->prot & ~prot_all) ||
		    !PAGE_ALIGNED(r->start) || !PAGE_ALIGNED(r->end) ||
		    r->start >= r->end || r->end > TASK_SIZE)
			return -EINVAL;
		for (j = 0; j < i; j++)
			if (r->start < d->ranges[j].end &&
			    d->ranges[j].start < r->end)
				return -EINVAL;
		if (!kmvx_range_mapped(current->mm, r->start, r->end))
			return -EINVAL;
		bytes += r->end - r->start;
	}
	/* kmvx keeps a copy of every byte, and another one per fork. */
	if (bytes > MVX_MONITOR_BYTES_MAX)
		return -E2BIG;
	for (i = d->nr_ranges; i < MVX_MONITOR_RANGES_MAX; i++)
		if (d->ranges[i].start || d->ranges[i].end ||
		    d->ranges[i].prot || d->ranges[i].__pad)
			return -EINVAL;
	if (test_bit(MVX_NR_mvx, (const unsigned long *)d->exempt))
		return -EINVAL;

	if (!kmvx_range_has(d->ranges, d->nr_ranges, d->entry, 1, PROT_EXEC) ||
	    !IS_ALIGNED(d->stack_top, 16) || d->stack_top < PAGE_SIZE ||
	    !kmvx_range_has(d->ranges, d->nr_ranges, d->stack_top - PAGE_SIZE,
			    PAGE_SIZE, PROT_READ | PROT_WRITE) ||
	    !d->records_size ||
	    !kmvx_range_has(d->ranges, d->nr_ranges, d->records,
			    d->records_size, PROT_READ))
		return -EINVAL;
	return kmvx_log_check(d);
}

/**
 * kmvx_monitor_register - mvx(MVX_CALL_REGISTER, desc)
 * @d: the descriptor, copied in
 *
 * See the uapi header. On success the call returns as a ret instruction
 * would, to code outside the monitor.
 */
long kmvx_monitor_register(const struct mvx_monitor_desc *d)
{
	struct pt_regs *regs = current_pt_regs();
	struct kmvx_monitor *m;
	struct kmvx_task *t;
	bool new_task = false;
	u64 ret_ip;
	u32 i;
	int ret;

	ret = kmvx_monitor_check(d);
	if (ret)
		return ret;
	if (get_user(ret_ip, (u64 __user *)regs->sp))
		return -EFAULT;

	t = current->mvx_data;
	if ((t && t->mon) || !kmvx_park_alone())
		return -EBUSY;
	m = kmvx_monitor_alloc(GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->policy = kmvx_policy_copy(d);
	if (IS_ERR(m->policy)) {
		ret = PTR_ERR(m->policy);
		m->policy = NULL;
		kmvx_monitor_free(m);
		return ret;
	}
	/* The program was executed by a monitored one: the same monitor. */
	if (t && t->inherit && !kmvx_policy_same(t->inherit, m->policy)) {
		kmvx_monitor_free(m);
		return -EPERM;
	}
	if (!t) {
		t = kmvx_task_alloc(GFP_KERNEL, current);
		if (!t) {
			kmvx_monitor_free(m);
			return -ENOMEM;
		}
		new_task = true;
	}
	m->entry = d->entry;
	m->stack_top = d->stack_top;
	m->records = d->records;
	m->records_size = d->records_size;
	kmvx_log_init(&m->log, d);
	m->nr_ranges = d->nr_ranges;
	memcpy(m->ranges, d->ranges, sizeof(m->ranges));
	bitmap_from_arr64(m->exempt, d->exempt, MVX_SYSCALL_MAX);
	for (i = 0; i < m->nr_ranges; i++) {
		ret = kmvx_area_init(&m->areas[i], &m->ranges[i]);
		if (!ret)
			ret = kmvx_area_fill(&m->areas[i]);
		if (ret)
			goto fail;
	}
	ret = kmvx_monitor_pkey(m);
	if (ret)
		goto fail;
	if (!kmvx_monitor_hash(m, current->mm)) {
		kmvx_monitor_pkey_free(m);
		ret = -EBUSY;
		goto fail;
	}

	/*
	 * From here the monitor's code and data are replaced by kmvx's
	 * copy; a process that loses them half-way cannot go on.
	 */
	for (i = 0; i < m->nr_ranges && !ret; i++)
		ret = vm_munmap(m->ranges[i].start,
				m->ranges[i].end - m->ranges[i].start);
	if (!ret)
		ret = kmvx_monitor_install(m);
	if (ret) {
		force_sig(SIGKILL);
		kmvx_monitor_put(m);
		goto fail_task;
	}
	t->mon = m;
	kmvx_policy_put(t->inherit);
	t->inherit = NULL;
	kmvx_group_registered(t);
	kmvx_park_add(m, t);
	if (new_task)
		current->mvx_data = t;
	mvx_hook_set_process(current);

	regs->ip = ret_ip;
	regs->sp += 8;
	return 0;

fail:
	kmvx_monitor_free(m);
fail_task:
	if (new_task) {
		kfree(t);
		module_put(THIS_MODULE);
	}
	return ret;
}

/**
 * kmvx_monitor_adopt - the current process becomes a variant of a group
 * @v: its side of the group (group.c), owned by its state from now on
 *
 * The process must be single-threaded and neither monitored nor in a
 * group already. It stays hooked from now on, so that every call it
 * makes is seen, and after its next execve() may make only a loader's
 * calls until its monitor registers.
 * Return: 0, -EBUSY or -ENOMEM.
 */
int kmvx_monitor_adopt(struct kmvx_variant *v)
{
	struct kmvx_monitor *m;
	struct kmvx_task *t;

	if (current->mvx_data || get_nr_threads(current) != 1)
		return -EBUSY;
	m = current->mm ? kmvx_monitor_get(current->mm) : NULL;
	if (m) {
		kmvx_monitor_put(m);
		return -EBUSY;
	}
	t = kmvx_task_alloc(GFP_KERNEL, current);
	if (!t)
		return -ENOMEM;
	t->var = v;
	current->mvx_data = t;
	mvx_hook_set_process(current);
	return 0;
}

/**
 * kmvx_monitor_prepare_fork - allocate what a child of the current thread
 * needs, before a fork-family call runs
 * @t: the current thread's state
 *
 * The fork callback runs under a spinlock and cannot allocate.
 * Return: 0 or -ENOMEM.
 */
int kmvx_monitor_prepare_fork(struct kmvx_task *t)
{
	if (!t->spare_task) {
		t->spare_task = kmvx_task_alloc(GFP_KERNEL, NULL);
		if (!t->spare_task)
			return -ENOMEM;
	}
	if (!t->spare_mon) {
		t->spare_mon = kmvx_monitor_alloc(GFP_KERNEL);
		if (!t->spare_mon)
			return -ENOMEM;
	}
	return 0;
}

/*
 * Runs in a new child with its own address space before it first returns
 * to user space: fork did not copy the "[mvx]" mappings, so the child
 * gets its own copy of its parent's monitor memory.
 */
static void kmvx_monitor_child_map(struct callback_head *work)
{
	struct kmvx_task *t = container_of(work, struct kmvx_task, child_work);
	struct kmvx_monitor *m = t->mon, *src = m->src;
	int ret = 0;
	u32 i;

	for (i = 0; i < m->nr_ranges && !ret; i++) {
		ret = kmvx_area_init(&m->areas[i], &m->ranges[i]);
		if (!ret)
			kmvx_area_copy(&m->areas[i], &src->areas[i]);
	}
	/* The copy is made: the parent's monitor and mm need not wait. */
	m->src = NULL;
	kmvx_monitor_put(src);
	if (!ret)
		ret = kmvx_monitor_install(m);
	if (ret)
		force_sig(SIGKILL);
}

/*
 * A child sharing the address space shares the monitor; any other child
 * gets a copy of it, as its memory is a copy of the parent's.
 */
bool kmvx_monitor_fork(struct task_struct *child, u64 clone_flags)
{
	struct kmvx_task *t = current->mvx_data, *ct;
	struct kmvx_monitor *m;

	lockdep_assert_held(&current->sighand->siglock);
	if (!t || !t->mon || (child->flags & PF_IO_WORKER) || !child->mm)
		return false;
	ct = t->spare_task;
	if (WARN_ON_ONCE(!ct))
		return false;
	/* kmvx_may_run() let a variant fork only with the child's side. */
	if (t->var && WARN_ON_ONCE(!kmvx_group_fork(t, ct)))
		return false;

	if (clone_flags & CLONE_VM) {
		refcount_inc(&t->mon->ref);
		ct->mon = t->mon;
	} else {
		m = t->spare_mon;
		if (WARN_ON_ONCE(!m))
			return false;
		m->entry = t->mon->entry;
		m->stack_top = t->mon->stack_top;
		m->records = t->mon->records;
		m->records_size = t->mon->records_size;
		m->log = t->mon->log;
		m->nr_ranges = t->mon->nr_ranges;
		memcpy(m->ranges, t->mon->ranges, sizeof(m->ranges));
		/* The child's address space has the parent's keys. */
		m->pkey = t->mon->pkey;
		bitmap_copy(m->exempt, t->mon->exempt, MVX_SYSCALL_MAX);
		m->policy = kmvx_policy_get(t->mon->policy);
		if (WARN_ON_ONCE(!kmvx_monitor_hash(m, child->mm)))
			return false;
		t->spare_mon = NULL;
		refcount_inc(&t->mon->ref);
		m->src = t->mon;
		ct->mon = m;
		init_task_work(&ct->child_work, kmvx_monitor_child_map);
		if (WARN_ON_ONCE(task_work_add(child, &ct->child_work,
					       TWA_RESUME)))
			return false;
	}
	t->spare_task = NULL;
	ct->task = child;
	kmvx_park_add(ct->mon, ct);
	child->mvx_data = ct;
	return true;
}

/*
 * After a successful execve() the old address space and its monitor are
 * gone; the new program's monitor registers again, with the policy the
 * old one keeps for it (inherit.c).
 */
void kmvx_monitor_exec(struct kmvx_task *t)
{
	kmvx_park_del(t->mon, t);
	t->inherit = kmvx_policy_for_exec(t->mon->policy);
	kmvx_monitor_put(t->mon);
	t->mon = NULL;
	t->in_excursion = false;
	t->prev_valid = false;
	t->log_seq = 0;
}

/*
 * From do_exit(), before the task's memory goes: a thread killed in an
 * excursion closes the monitor again and gives the turn to the next.
 */
void kmvx_monitor_task_exit(struct task_struct *task)
{
	struct kmvx_task *t = task->mvx_data;

	if (t->in_excursion) {
		kmvx_monitor_close(t->mon);
		t->in_excursion = false;
		kmvx_park_release(t->mon);
		kmvx_monitor_give_turn(t->mon);
	}
	if (t->mon)
		kmvx_park_del(t->mon, t);
	if (t->var)
		kmvx_group_task_exit(t);
	WRITE_ONCE(task->mvx_data, NULL);
	kmvx_task_free(t);
}

/* The monitor of @task's address space, referenced, or NULL. */
struct kmvx_monitor *kmvx_monitor_of(struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	struct kmvx_monitor *m;

	if (!mm)
		return NULL;
	m = kmvx_monitor_get(mm);
	mmput(mm);
	return m;
}

bool kmvx_monitor_awaiting(struct task_struct *task)
{
	struct kmvx_task *t;
	struct task_struct *th;
	bool awaiting = false;

	rcu_read_lock();
	for_each_thread(task, th) {
		t = READ_ONCE(th->mvx_data);
		if (t && !READ_ONCE(t->mon)) {
			awaiting = true;
			break;
		}
	}
	rcu_read_unlock();
	return awaiting;
}
