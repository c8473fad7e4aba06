// SPDX-License-Identifier: GPL-2.0
/*
 * Monitors: registration by mvx(MVX_CALL_REGISTER), one monitor per
 * address space, the per-thread state (task_struct.mvx_data), what fork,
 * execve and exit do to them, and the two ioctls that let umvx look at a
 * monitor from outside.
 *
 * Lifetime. A struct mvx_task holds a reference on its monitor, and each
 * struct mvx_task pins this module, so kmvx cannot be unloaded while a
 * monitored thread exists. A monitor holds its mm_struct with mmgrab():
 * the hash is keyed by the mm's address, which must not be reused while
 * the monitor is hashed.
 */

#include <linux/hashtable.h>
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

#include "monitor.h"
#include "target.h"

static DEFINE_HASHTABLE(mvx_monitors, 6);
/*
 * Writers of mvx_monitors. Also taken by the fork callback under the
 * parent's siglock, which is irq-safe: always with interrupts off.
 */
static DEFINE_SPINLOCK(mvx_monitors_lock);

/* Called under rcu_read_lock(), or with a reference on a task of @mm. */
struct mvx_monitor *mvx_monitor_find(struct mm_struct *mm)
{
	struct mvx_monitor *m;

	hash_for_each_possible_rcu(mvx_monitors, m, node, (unsigned long)mm)
		if (m->mm == mm)
			return m;
	return NULL;
}

bool mvx_monitor_overlaps(const struct mvx_monitor *m, u64 start, u64 len)
{
	u64 end = start + len;
	u32 i;

	if (!len)
		return false;
	if (end < start)	/* wraps: reaches every range above start */
		end = U64_MAX;
	for (i = 0; i < m->nr_ranges; i++)
		if (start < m->ranges[i].end && m->ranges[i].start < end)
			return true;
	return false;
}

/* The monitor of @mm, referenced, or NULL. */
struct mvx_monitor *mvx_monitor_get(struct mm_struct *mm)
{
	struct mvx_monitor *m;

	rcu_read_lock();
	m = mvx_monitor_find(mm);
	if (m && !refcount_inc_not_zero(&m->ref))
		m = NULL;
	rcu_read_unlock();
	return m;
}

static struct mvx_monitor *mvx_monitor_alloc(gfp_t gfp)
{
	struct mvx_monitor *m = kzalloc(sizeof(*m), gfp);

	if (m)
		refcount_set(&m->ref, 1);
	return m;
}

/* Hashes @m for @mm. Returns false if @mm has a monitor already. */
static bool mvx_monitor_hash(struct mvx_monitor *m, struct mm_struct *mm)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&mvx_monitors_lock, flags);
	ok = !mvx_monitor_find(mm);
	if (ok) {
		m->mm = mm;
		mmgrab(mm);
		hash_add_rcu(mvx_monitors, &m->node, (unsigned long)mm);
	}
	spin_unlock_irqrestore(&mvx_monitors_lock, flags);
	return ok;
}

static void mvx_monitor_free(struct mvx_monitor *m)
{
	u32 i;

	for (i = 0; i < MVX_MONITOR_RANGES_MAX; i++)
		mvx_area_free(&m->areas[i]);
	kfree(m);
}

static void mvx_monitor_free_rcu(struct rcu_head *rcu)
{
	mvx_monitor_free(container_of(rcu, struct mvx_monitor, rcu));
}

void mvx_monitor_put(struct mvx_monitor *m)
{
	unsigned long flags;

	if (!m || !refcount_dec_and_test(&m->ref))
		return;
	mvx_monitor_put(m->src);
	spin_lock_irqsave(&mvx_monitors_lock, flags);
	hash_del_rcu(&m->node);
	spin_unlock_irqrestore(&mvx_monitors_lock, flags);
	mmdrop(m->mm);
	call_rcu(&m->rcu, mvx_monitor_free_rcu);
}

static struct mvx_task *mvx_task_alloc(gfp_t gfp)
{
	struct mvx_task *t = kzalloc(sizeof(*t), gfp);

	if (t)
		__module_get(THIS_MODULE);
	return t;
}

static void mvx_task_free(struct mvx_task *t)
{
	/* A spare child state pins the module like any other. */
	if (t->spare_task)
		module_put(THIS_MODULE);
	kfree(t->spare_task);
	kfree(t->spare_mon);
	mvx_monitor_put(t->mon);
	kfree_rcu(t, rcu);
	module_put(THIS_MODULE);
}

/**
 * mvx_task_current - the monitored state of the current thread
 *
 * A thread that existed when its process registered a monitor, or that
 * the fork callback hooked without state, gets its state on its first
 * system call. Return: the state, or NULL if the thread's address space
 * has no monitor and the thread has no state (not monitored).
 */
struct mvx_task *mvx_task_current(void)
{
	struct mvx_task *t = current->mvx_data;
	struct mvx_monitor *m;

	if (t)
		return t;

	m = current->mm ? mvx_monitor_get(current->mm) : NULL;
	if (!m)
		return NULL;

	t = mvx_task_alloc(GFP_KERNEL);
	if (!t) {
		mvx_monitor_put(m);
		return NULL;
	}
	t->mon = m;
	current->mvx_data = t;
	return t;
}

/*
 * One excursion at a time per monitor: the pages are open for the
 * address space, not for a thread. A thread waits killable, so that a
 * monitor that never returns cannot keep the others from dying.
 * Return: 0, or -EINTR if a fatal signal came first.
 */
int mvx_monitor_take_turn(struct mvx_monitor *m)
{
	return wait_on_bit_lock(&m->turn, MVX_TURN_BIT, TASK_KILLABLE);
}

void mvx_monitor_give_turn(struct mvx_monitor *m)
{
	clear_and_wake_up_bit(MVX_TURN_BIT, &m->turn);
}

/*
 * Whether a process must stay hooked for its monitor, so that removing a
 * duplicate session does not unhook it.
 */
bool mvx_monitor_process_hooked(struct task_struct *task)
{
	struct task_struct *t;
	bool hooked = false;

	rcu_read_lock();
	for_each_thread(task, t) {
		if (READ_ONCE(t->mvx_data) ||
		    (t->mm && mvx_monitor_find(t->mm))) {
			hooked = true;
			break;
		}
	}
	rcu_read_unlock();
	return hooked;
}

/* Maps the pages @m used last time into the current process. */
void mvx_monitor_open(struct mvx_monitor *m)
{
	struct mm_struct *mm = current->mm;
	u32 i;

	mmap_read_lock(mm);
	for (i = 0; i < m->nr_ranges; i++)
		mvx_area_open(&m->areas[i], mm);
	mmap_read_unlock(mm);
}

/* The area of @m that holds the process's address @addr, or NULL. */
struct mvx_area *mvx_monitor_area(struct mvx_monitor *m, u64 addr)
{
	u32 i;

	for (i = 0; i < m->nr_ranges; i++)
		if (addr >= m->areas[i].start && addr < m->areas[i].end)
			return &m->areas[i];
	return NULL;
}

/* Unmaps every page of @m from the current process. */
void mvx_monitor_close(struct mvx_monitor *m)
{
	struct mm_struct *mm = current->mm;
	u32 i;

	mmap_read_lock(mm);
	for (i = 0; i < m->nr_ranges; i++)
		mvx_area_close(&m->areas[i], mm);
	mmap_read_unlock(mm);
}

/* Maps each range of @m over the process's memory, as "[mvx]". */
static int mvx_monitor_install(struct mvx_monitor *m)
{
	struct mm_struct *mm = current->mm;
	int ret = 0;
	u32 i;

	if (mmap_write_lock_killable(mm))
		return -EINTR;
	for (i = 0; i < m->nr_ranges && !ret; i++)
		ret = mvx_area_install(&m->areas[i], mm);
	mmap_write_unlock(mm);
	return ret;
}

/* [start, start + len) lies in one of the @n @ranges, which has @prot. */
bool mvx_range_has(const struct mvx_range *ranges, u32 n, u64 start,
		   u64 len, u32 prot)
{
	u32 i;

	for (i = 0; i < n; i++) {
		const struct mvx_range *r = &ranges[i];

		if (start >= r->start && start < r->end &&
		    len <= r->end - start && (r->prot & prot) == prot)
			return true;
	}
	return false;
}

/* Every byte of [start, end) is mapped. */
static bool mvx_range_mapped(struct mm_struct *mm, u64 start, u64 end)
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

static int mvx_monitor_check(const struct mvx_monitor_desc *d)
{
	const u32 prot_all = PROT_READ | PROT_WRITE | PROT_EXEC;
	u32 i, j;

	if (d->flags || d->__pad || !d->nr_ranges ||
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
		if (!mvx_range_mapped(current->mm, r->start, r->end))
			return -EINVAL;
	}
	for (i = d->nr_ranges; i < MVX_MONITOR_RANGES_MAX; i++)
		if (d->ranges[i].start || d->ranges[i].end ||
		    d->ranges[i].prot || d->ranges[i].__pad)
			return -EINVAL;
	if (test_bit(MVX_NR_mvx, (const unsigned long *)d->exempt))
		return -EINVAL;

	if (!mvx_range_has(d->ranges, d->nr_ranges, d->entry, 1, PROT_EXEC) ||
	    !IS_ALIGNED(d->stack_top, 16) || d->stack_top < PAGE_SIZE ||
	    !mvx_range_has(d->ranges, d->nr_ranges, d->stack_top - PAGE_SIZE,
			   PAGE_SIZE, PROT_READ | PROT_WRITE) ||
	    !d->records_size ||
	    !mvx_range_has(d->ranges, d->nr_ranges, d->records,
			   d->records_size, PROT_READ))
		return -EINVAL;
	return mvx_log_check(d);
}

/*
 * mvx(MVX_CALL_REGISTER, desc): see the uapi header. On success the call
 * returns as a ret instruction would, to code outside the monitor.
 */
static long mvx_monitor_register(struct mvx_monitor_desc __user *udesc)
{
	struct pt_regs *regs = current_pt_regs();
	struct mvx_monitor_desc d;
	struct mvx_monitor *m;
	struct mvx_task *t;
	bool new_task = false;
	u64 ret_ip;
	u32 usize, i;
	int ret;

	ret = mvx_copy_request(&d, sizeof(d), udesc, MVX_MONITOR_DESC_SIZE_VER0,
			       &usize);
	if (ret)
		return ret;
	ret = mvx_monitor_check(&d);
	if (ret)
		return ret;
	if (get_user(ret_ip, (u64 __user *)regs->sp))
		return -EFAULT;

	t = current->mvx_data;
	if (t && t->mon)
		return -EBUSY;
	m = mvx_monitor_alloc(GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	if (!t) {
		t = mvx_task_alloc(GFP_KERNEL);
		if (!t) {
			kfree(m);
			return -ENOMEM;
		}
		new_task = true;
	}
	m->entry = d.entry;
	m->stack_top = d.stack_top;
	m->records = d.records;
	m->records_size = d.records_size;
	mvx_log_init(&m->log, &d);
	m->nr_ranges = d.nr_ranges;
	memcpy(m->ranges, d.ranges, sizeof(m->ranges));
	bitmap_from_arr64(m->exempt, d.exempt, MVX_SYSCALL_MAX);
	for (i = 0; i < m->nr_ranges; i++) {
		ret = mvx_area_init(&m->areas[i], &m->ranges[i]);
		if (!ret)
			ret = mvx_area_fill(&m->areas[i]);
		if (ret)
			goto fail;
	}
	if (!mvx_monitor_hash(m, current->mm)) {
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
		ret = mvx_monitor_install(m);
	if (ret) {
		force_sig(SIGKILL);
		mvx_monitor_put(m);
		goto fail_task;
	}
	t->mon = m;
	if (new_task)
		current->mvx_data = t;
	mvx_hook_set_process(current);

	regs->ip = ret_ip;
	regs->sp += 8;
	return 0;

fail:
	mvx_monitor_free(m);
fail_task:
	if (new_task) {
		kfree(t);
		module_put(THIS_MODULE);
	}
	return ret;
}

long mvx_monitor_call(unsigned int op, unsigned long arg1, unsigned long arg2,
		      unsigned long arg3)
{
	switch (op) {
	case MVX_CALL_REGISTER:
		return mvx_monitor_register((void __user *)arg1);
	case MVX_CALL_RETURN:
		/* The enter callback consumes every return that is valid. */
		return -EPERM;
	default:
		return -EINVAL;
	}
}

/**
 * mvx_monitor_prepare_fork - allocate what a child of the current thread
 * needs, before a fork-family call runs
 * @t: the current thread's state
 *
 * The fork callback runs under a spinlock and cannot allocate.
 * Return: 0 or -ENOMEM.
 */
int mvx_monitor_prepare_fork(struct mvx_task *t)
{
	if (!t->spare_task) {
		t->spare_task = mvx_task_alloc(GFP_KERNEL);
		if (!t->spare_task)
			return -ENOMEM;
	}
	if (!t->spare_mon) {
		t->spare_mon = mvx_monitor_alloc(GFP_KERNEL);
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
static void mvx_monitor_child_map(struct callback_head *work)
{
	struct mvx_task *t = container_of(work, struct mvx_task, child_work);
	struct mvx_monitor *m = t->mon, *src = m->src;
	int ret = 0;
	u32 i;

	for (i = 0; i < m->nr_ranges && !ret; i++) {
		ret = mvx_area_init(&m->areas[i], &m->ranges[i]);
		if (!ret)
			mvx_area_copy(&m->areas[i], &src->areas[i]);
	}
	/* The copy is made: the parent's monitor and mm need not wait. */
	m->src = NULL;
	mvx_monitor_put(src);
	if (!ret)
		ret = mvx_monitor_install(m);
	if (ret)
		force_sig(SIGKILL);
}

/*
 * Called under the parent's siglock. A child sharing the address space
 * shares the monitor; any other child gets a copy of it, as its memory
 * is a copy of the parent's.
 */
bool mvx_monitor_fork(struct task_struct *child, u64 clone_flags)
{
	struct mvx_task *t = current->mvx_data, *ct;
	struct mvx_monitor *m;

	if (!t || !t->mon || (child->flags & PF_IO_WORKER) || !child->mm)
		return false;
	ct = t->spare_task;
	if (WARN_ON_ONCE(!ct))
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
		bitmap_copy(m->exempt, t->mon->exempt, MVX_SYSCALL_MAX);
		if (WARN_ON_ONCE(!mvx_monitor_hash(m, child->mm)))
			return false;
		t->spare_mon = NULL;
		refcount_inc(&t->mon->ref);
		m->src = t->mon;
		ct->mon = m;
		init_task_work(&ct->child_work, mvx_monitor_child_map);
		if (WARN_ON_ONCE(task_work_add(child, &ct->child_work,
					       TWA_RESUME)))
			return false;
	}
	t->spare_task = NULL;
	child->mvx_data = ct;
	return true;
}

/*
 * After a successful execve() the old address space and its monitor are
 * gone; the new program's monitor registers again.
 */
void mvx_monitor_exec(struct mvx_task *t)
{
	mvx_monitor_put(t->mon);
	t->mon = NULL;
	t->in_excursion = false;
	t->prev_valid = false;
	t->log_seq = 0;
}

/*
 * From do_exit(), before the task's memory goes: a thread killed in an
 * excursion closes the monitor again and gives the turn to the next.
 */
void mvx_monitor_task_exit(struct task_struct *task)
{
	struct mvx_task *t = task->mvx_data;

	if (t->in_excursion) {
		mvx_monitor_close(t->mon);
		t->in_excursion = false;
		mvx_monitor_give_turn(t->mon);
	}
	WRITE_ONCE(task->mvx_data, NULL);
	mvx_task_free(t);
}

/* The monitor of @task's address space, referenced, or NULL. */
struct mvx_monitor *mvx_monitor_of(struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	struct mvx_monitor *m;

	if (!mm)
		return NULL;
	m = mvx_monitor_get(mm);
	mmput(mm);
	return m;
}

static bool mvx_monitor_awaiting(struct task_struct *task)
{
	struct mvx_task *t;
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

long mvx_ioctl_monitor_info(struct mvx_monitor_info __user *uarg)
{
	struct mvx_monitor_info info;
	struct task_struct *task;
	struct mvx_monitor *m;
	u32 usize;
	int ret;

	ret = mvx_copy_request(&info, sizeof(info), uarg,
			       MVX_MONITOR_INFO_SIZE_VER0, &usize);
	if (ret)
		return ret;
	if (info.__pad)
		return -EINVAL;
	task = mvx_target_get(info.pid);
	if (IS_ERR(task))
		return PTR_ERR(task);

	memset(&info.state, 0, sizeof(info) - offsetof(typeof(info), state));
	m = mvx_monitor_of(task);
	if (m) {
		info.state = MVX_MON_ACTIVE;
		info.nr_ranges = m->nr_ranges;
		info.entry = m->entry;
		info.records = m->records;
		info.records_size = m->records_size;
		info.excursions = atomic64_read(&m->excursions);
		info.refused = atomic64_read(&m->refused);
		info.exempt_count = bitmap_weight(m->exempt, MVX_SYSCALL_MAX);
		memcpy(info.ranges, m->ranges, sizeof(info.ranges));
		bitmap_to_arr64(info.exempt, m->exempt, MVX_SYSCALL_MAX);
		mvx_monitor_put(m);
	} else if (mvx_monitor_awaiting(task)) {
		info.state = MVX_MON_AWAITING;
	}
	put_task_struct(task);

	info.size = sizeof(info);
	if (copy_to_user(uarg, &info, min_t(size_t, usize, sizeof(info))))
		return -EFAULT;
	return 0;
}

/* Reads the record area from kmvx's own pages: no fault, no stopping. */
static int mvx_monitor_read_records(struct mvx_monitor *m, u64 offset,
				    void *buf, size_t len)
{
	struct mvx_area *a = mvx_monitor_area(m, m->records + offset);
	void *src;

	if (!a)
		return -EINVAL;
	if (!a->kaddr)
		return -EAGAIN;
	src = mvx_area_kaddr(a, m->records + offset, len);
	if (!src)
		return -EINVAL;
	memcpy(buf, src, len);
	return 0;
}

long mvx_ioctl_monitor_read(struct mvx_monitor_read __user *uarg)
{
	struct mvx_monitor_read rd;
	struct task_struct *task;
	struct mvx_monitor *m;
	void *buf = NULL;
	u32 usize;
	int ret;

	ret = mvx_copy_request(&rd, sizeof(rd), uarg,
			       MVX_MONITOR_READ_SIZE_VER0, &usize);
	if (ret)
		return ret;
	if (rd.__pad || rd.len > MVX_MONITOR_READ_MAX)
		return -EINVAL;
	task = mvx_target_get(rd.pid);
	if (IS_ERR(task))
		return PTR_ERR(task);

	m = mvx_monitor_of(task);
	if (!m) {
		ret = -ENODATA;
		goto out;
	}
	if (rd.offset > m->records_size ||
	    rd.len > m->records_size - rd.offset) {
		ret = -EINVAL;
		goto out;
	}
	ret = 0;
	if (!rd.len)
		goto out;
	buf = kvmalloc(rd.len, GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto out;
	}
	ret = mvx_monitor_read_records(m, rd.offset, buf, rd.len);
	if (!ret && copy_to_user(u64_to_user_ptr(rd.buf), buf, rd.len))
		ret = -EFAULT;
out:
	kvfree(buf);
	mvx_monitor_put(m);
	put_task_struct(task);
	return ret;
}
