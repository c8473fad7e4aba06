// SPDX-License-Identifier: GPL-2.0
/*
 * The guard: system calls of monitored threads that would change, unmap,
 * remap or reach into a monitor's memory fail with EPERM and are logged.
 *
 * It looks at every call that runs from a program's context (exempt
 * calls, and calls the monitor lets run), never at the monitor's own.
 * Calls aimed at another process (process_vm_writev, ptrace, writes to
 * /proc/PID/mem) are checked against that process's monitor. Together
 * with the fork callback, which monitors every child, this covers what
 * the monitored program and its descendants can do; a process outside
 * that family that may ptrace them is outside the threat model.
 */

#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/mman.h>
#include <linux/prctl.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/shm.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "guard.h"
#include "monitor.h"
#include "reach.h"
#include "target.h"

/* Farthest a shmat(SHM_REMAP) segment is assumed to reach. */
#define KMVX_SHM_REACH	(1ULL << 40)

static bool kmvx_log(const char *what)
{
	pr_warn_ratelimited("pid %d (%s): %s refused: it could reach the monitor's memory\n",
			    task_tgid_vnr(current), current->comm, what);
	return true;
}

static bool kmvx_refuse(struct kmvx_monitor *m, const char *what)
{
	atomic64_inc(&m->refused);
	return kmvx_log(what);
}

/* Refuses a call that a monitored thread must not make at all. */
static bool kmvx_refuse_call(struct kmvx_monitor *own, const char *what)
{
	if (own)
		atomic64_inc(&own->refused);
	return kmvx_log(what);
}

/* Refuses a call on [@start, @start + @len) if it reaches @own's memory. */
static bool kmvx_refuse_range(struct kmvx_monitor *own, unsigned long start,
			      unsigned long len, const char *what)
{
	return own && kmvx_monitor_overlaps(own, start, len) &&
	       kmvx_refuse(own, what);
}

/*
 * brk(@brk) unmaps or maps the pages between the break and @brk. One
 * below the heap's start leaves the break as it is.
 */
/*
 * The key on @own's ranges is not the program's to free, nor to put on
 * memory of its own (pkey.c).
 */
static bool kmvx_guard_pkey(struct kmvx_monitor *own, unsigned long pkey)
{
	return own && own->pkey > 0 && pkey == own->pkey &&
	       kmvx_refuse_call(own, "the monitor's protection key");
}

static bool kmvx_guard_brk(struct kmvx_monitor *own, unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long cur = READ_ONCE(mm->brk), lo, hi;

	if (!own || brk < READ_ONCE(mm->start_brk))
		return false;
	lo = PAGE_ALIGN(min(brk, cur));
	hi = PAGE_ALIGN(max(brk, cur));
	return kmvx_refuse_range(own, lo, hi - lo, "brk");
}

/* process_vm_writev(pid, local, liovcnt, remote, riovcnt, flags) */
static bool kmvx_guard_vm_writev(const unsigned long *a)
{
	struct task_struct *task = kmvx_task_get(a[0]);
	struct kmvx_monitor *m;
	bool refuse;

	if (!task)
		return false;
	m = kmvx_monitor_of(task);
	put_task_struct(task);
	if (!m)
		return false;
	refuse = kmvx_reach_iov(m, a[3], a[4]) &&
		 kmvx_refuse(m, "process_vm_writev");
	kmvx_monitor_put(m);
	return refuse;
}

static bool kmvx_guard_ptrace(const unsigned long *a)
{
	struct task_struct *task;
	struct kmvx_monitor *m;
	struct kmvx_task *t;
	bool refuse = false;

	switch (a[0]) {
	case PTRACE_POKETEXT:
	case PTRACE_POKEDATA:
	case PTRACE_POKEUSR:
	case PTRACE_SETREGS:
	case PTRACE_SETFPREGS:
	case PTRACE_SETREGSET:
	case PTRACE_SETSIGINFO:
		break;
	default:
		return false;
	}
	task = kmvx_task_get(a[1]);
	if (!task)
		return false;
	if (a[0] == PTRACE_POKETEXT || a[0] == PTRACE_POKEDATA) {
		m = kmvx_monitor_of(task);
		refuse = m && kmvx_monitor_overlaps(m, a[2], sizeof(long)) &&
			 kmvx_refuse(m, "ptrace");
		kmvx_monitor_put(m);
	} else {
		/* A thread in an excursion runs the monitor: hands off. */
		rcu_read_lock();
		t = READ_ONCE(task->mvx_data);
		refuse = t && READ_ONCE(t->in_excursion);
		rcu_read_unlock();
		refuse = refuse && kmvx_log("ptrace");
	}
	put_task_struct(task);
	return refuse;
}

/*
 * process_madvise(pidfd, iovec, vlen, advice, flags). The target is
 * named by a pidfd; the monitored family shares one layout, so the
 * ranges are checked against the caller's own monitor.
 */
static bool kmvx_guard_process_madvise(struct kmvx_monitor *own,
				       const unsigned long *a)
{
	return kmvx_reach_iov(own, a[1], a[2]) &&
	       kmvx_refuse(own, "process_madvise");
}

/* A /proc/PID/mem file: procfs, named "mem"; its private_data is the mm. */
static struct mm_struct *kmvx_proc_mem_mm(struct file *file)
{
	struct dentry *d = file->f_path.dentry;

	if (d->d_sb->s_magic != PROC_SUPER_MAGIC ||
	    strcmp(d->d_name.name, "mem"))
		return NULL;
	return file->private_data;
}

/*
 * Whether descriptor @fd is a /proc/PID/mem file, looked up without a
 * reference: nearly every read and write is on something else, and the
 * two atomic operations on a file's count cost a forwarded write more
 * than the check itself. Files and dentries are freed after an RCU grace
 * period. Which file the call will use can change before it runs, with
 * or without a reference here.
 */
static bool kmvx_fd_is_proc_mem(unsigned int fd)
{
	struct file *file;
	bool mem;

	rcu_read_lock();
	file = files_lookup_fd_rcu(current->files, fd);
	mem = file && kmvx_proc_mem_mm(file);
	rcu_read_unlock();
	return mem;
}

static u64 kmvx_iov_len(const struct iovec __user *uiov, unsigned long cnt)
{
	struct iovec iov;
	u64 len = 0;
	unsigned long i;

	if (cnt > UIO_MAXIOV)
		return 0;
	for (i = 0; i < cnt; i++) {
		if (copy_from_user(&iov, &uiov[i], sizeof(iov)))
			return 0;
		len += iov.iov_len;
	}
	return len;
}

/* read, write and their vector and positional forms on /proc/PID/mem */
static bool kmvx_guard_proc_mem(long nr, const unsigned long *a)
{
	struct mm_struct *mm;
	struct kmvx_monitor *m;
	struct file *file;
	u64 pos, len;
	bool refuse = false;

	if (!kmvx_fd_is_proc_mem(a[0]))
		return false;
	file = fget(a[0]);
	if (!file)
		return false;
	mm = kmvx_proc_mem_mm(file);
	if (!mm)
		goto out;

	pos = file->f_pos;
	switch (nr) {
	case __NR_read:
	case __NR_write:
		len = a[2];
		break;
	case __NR_pread64:
	case __NR_pwrite64:
		len = a[2];
		pos = a[3];
		break;
	case __NR_readv:
	case __NR_writev:
		len = kmvx_iov_len((void __user *)a[1], a[2]);
		break;
	default:	/* preadv, pwritev, preadv2, pwritev2 */
		len = kmvx_iov_len((void __user *)a[1], a[2]);
		if ((long)a[3] != -1)
			pos = a[3];
		break;
	}
	rcu_read_lock();
	m = kmvx_monitor_find(mm);
	if (m && kmvx_monitor_overlaps(m, pos, len)) {
		atomic64_inc(&m->refused);
		refuse = true;
	}
	rcu_read_unlock();
out:
	fput(file);
	return refuse && kmvx_log("/proc/PID/mem access");
}

/**
 * kmvx_guard_refuses - whether a call must not run
 * @own: the monitor of the calling thread's address space, or NULL
 * @regs: the call's registers
 * @nr: the call
 *
 * Return: true if the call aims at a monitor's memory; it is logged and
 * counted, and the caller makes it fail with EPERM.
 */
bool kmvx_guard_refuses(struct kmvx_monitor *own, struct pt_regs *regs,
			long nr)
{
	unsigned long a[6];

	syscall_get_arguments(current, regs, a);
	if (own && kmvx_reach_monitor(own, nr, a))
		return kmvx_refuse(own, "a system call's buffer");
	switch (nr) {
	case __NR_brk:
		return kmvx_guard_brk(own, a[0]);
	case __NR_prctl:
		/*
		 * PR_SET_MM moves the heap's bounds (brk() then unmaps what
		 * lies between), the stack's, the auxiliary vector, the
		 * executable's file: no monitored program may change them.
		 */
		return a[0] == PR_SET_MM && kmvx_refuse_call(own, "PR_SET_MM");
	case __NR_io_uring_setup:
	case __NR_io_uring_enter:
	case __NR_io_uring_register:
		/*
		 * io_uring runs a program's requests in kernel threads and in
		 * task work that no excursion sees, at any time: not for a
		 * monitored program (doc/MONITOR.md).
		 */
		return kmvx_refuse_call(own, "io_uring");
	case __NR_mprotect:
		return kmvx_refuse_range(own, a[0], a[1], "mprotect");
	case __NR_pkey_mprotect:
		return kmvx_refuse_range(own, a[0], a[1], "mprotect") ||
		       kmvx_guard_pkey(own, a[3]);
	case __NR_pkey_free:
		return kmvx_guard_pkey(own, a[0]);
	case __NR_munmap:
		return kmvx_refuse_range(own, a[0], a[1], "munmap");
	case __NR_madvise:
		return kmvx_refuse_range(own, a[0], a[1], "madvise");
	case __NR_remap_file_pages:
		return kmvx_refuse_range(own, a[0], a[1], "remap_file_pages");
	case __NR_mmap:
		return (a[3] & MAP_FIXED) &&
		       kmvx_refuse_range(own, a[0], a[1], "mmap(MAP_FIXED)");
	case __NR_mremap:
		/* The old range, and the new one if it is fixed. */
		return kmvx_refuse_range(own, a[0], a[1], "mremap") ||
		       ((a[3] & MREMAP_FIXED) &&
			kmvx_refuse_range(own, a[4], a[2], "mremap"));
	case __NR_shmat:
		return (a[2] & SHM_REMAP) &&
		       kmvx_refuse_range(own, a[1], KMVX_SHM_REACH,
					 "shmat(SHM_REMAP)");
	case __NR_process_madvise:
		return own && kmvx_guard_process_madvise(own, a);
	case __NR_process_vm_writev:
		return kmvx_guard_vm_writev(a);
	case __NR_ptrace:
		return kmvx_guard_ptrace(a);
	case __NR_read:
	case __NR_write:
	case __NR_pread64:
	case __NR_pwrite64:
	case __NR_readv:
	case __NR_writev:
	case __NR_preadv:
	case __NR_pwritev:
	case __NR_preadv2:
	case __NR_pwritev2:
		return kmvx_guard_proc_mem(nr, a);
	default:
		return false;
	}
}
