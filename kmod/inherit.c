// SPDX-License-Identifier: GPL-2.0
/*
 * What a monitor hands to the next program its process executes: its
 * policy, exempt bitmap and flags, kept in the kernel across execve().
 *
 * Without it a monitored program could get out from under its monitor
 * by executing something that does not load the monitor, or loads it
 * with another policy: the monitor's own check of an execve() can only
 * look at what it can read (a file it may not read, an O_PATH
 * descriptor, a script whose interpreter is a script, an LD_PRELOAD
 * that names a missing file, an environment without the policy). The
 * kernel does not need to know why: until the new program registers
 * the same monitor with the same policy, it may make only the calls of
 * a dynamic loader that maps and starts the monitor (a window that
 * changes nothing outside the process but what reading does), and any
 * other call kills it. A monitor that registers with a different policy
 * is refused. The policy bytes are the monitor's own business.
 */

#include <linux/fcntl.h>
#include <linux/mman.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include <mvx.h>

#include "inherit.h"
#include "monitor.h"

/**
 * struct kmvx_policy - a monitor's policy, as its process registered it
 * @ref: held by the monitor, by its forked copies, and by each thread
 *	that executed a program and awaits the new program's monitor
 * @flags: the descriptor's flags
 * @exempt: its exempt bitmap
 * @len: bytes of @data
 * @data: the policy
 */
struct kmvx_policy {
	refcount_t ref;
	u32 flags;
	DECLARE_BITMAP(exempt, MVX_SYSCALL_MAX);
	u32 len;
	u8 data[];
};

/**
 * kmvx_policy_copy - the policy of a descriptor that is registering
 * @d: the descriptor, copied in and checked
 *
 * Return: the policy, referenced, or an ERR_PTR().
 */
struct kmvx_policy *kmvx_policy_copy(const struct mvx_monitor_desc *d)
{
	struct kmvx_policy *p;

	if (d->policy_len > MVX_POLICY_MAX)
		return ERR_PTR(-E2BIG);
	/* Charged to the process: it chose the size. */
	p = kvzalloc(struct_size(p, data, d->policy_len), GFP_KERNEL_ACCOUNT);
	if (!p)
		return ERR_PTR(-ENOMEM);
	refcount_set(&p->ref, 1);
	p->flags = d->flags;
	bitmap_from_arr64(p->exempt, d->exempt, MVX_SYSCALL_MAX);
	p->len = d->policy_len;
	if (copy_from_user(p->data, u64_to_user_ptr(d->policy), p->len)) {
		kvfree(p);
		return ERR_PTR(-EFAULT);
	}
	return p;
}

struct kmvx_policy *kmvx_policy_get(struct kmvx_policy *p)
{
	if (p)
		refcount_inc(&p->ref);
	return p;
}

void kmvx_policy_put(struct kmvx_policy *p)
{
	if (p && refcount_dec_and_test(&p->ref))
		kvfree(p);
}

/* Whether a new program's monitor registers what the old one kept. */
bool kmvx_policy_same(const struct kmvx_policy *a,
		      const struct kmvx_policy *b)
{
	return a->flags == b->flags && a->len == b->len &&
	       bitmap_equal(a->exempt, b->exempt, MVX_SYSCALL_MAX) &&
	       !memcmp(a->data, b->data, a->len);
}

/* What the next program inherits from @p: nothing if it may run freely. */
struct kmvx_policy *kmvx_policy_for_exec(struct kmvx_policy *p)
{
	if (!p || (p->flags & MVX_MONITOR_EXEC_UNMONITORED))
		return NULL;
	return kmvx_policy_get(p);
}

/* open() or openat() flags that only read. */
static bool kmvx_reads_only(unsigned long flags)
{
	return (flags & O_ACCMODE) == O_RDONLY &&
	       !(flags & (O_CREAT | O_TRUNC | __O_TMPFILE));
}

/**
 * kmvx_inherit_allows - whether a thread that awaits its new monitor may
 * make a call
 * @regs: the call's registers
 * @nr: the call
 *
 * The calls of the dynamic loader, and of a monitor that sets itself up
 * and registers (see the uapi header, "Execve").
 */
bool kmvx_inherit_allows(struct pt_regs *regs, long nr)
{
	unsigned long a[6];

	syscall_get_arguments(current, regs, a);
	switch (nr) {
	case __NR_open:
		return kmvx_reads_only(a[1]);
	case __NR_openat:
		return kmvx_reads_only(a[2]);
	case __NR_prlimit64:
		return !a[2];	/* reads the limit, sets none */
	case __NR_mmap:
		/*
		 * Private mappings only: a shared one of a descriptor kept
		 * across execve would write its file without a system call.
		 */
		return (a[3] & MAP_TYPE) == MAP_PRIVATE;
	case __NR_read:
	case __NR_pread64:
	case __NR_lseek:
	case __NR_close:
	case __NR_fstat:
	case __NR_newfstatat:
	case __NR_stat:
	case __NR_lstat:
	case __NR_statx:
	case __NR_access:
	case __NR_faccessat:
	case __NR_faccessat2:
	case __NR_readlink:
	case __NR_readlinkat:
	case __NR_getcwd:
	case __NR_mprotect:
	case __NR_munmap:
	case __NR_brk:
	case __NR_madvise:
	case __NR_arch_prctl:
	case __NR_set_tid_address:
	case __NR_set_robust_list:
	case __NR_rseq:
	case __NR_getrandom:
	case __NR_futex:
	case __NR_uname:
	case __NR_clock_gettime:
	case __NR_gettimeofday:
	case __NR_getpid:
	case __NR_gettid:
	case __NR_getuid:
	case __NR_geteuid:
	case __NR_getgid:
	case __NR_getegid:
	case __NR_sched_getaffinity:
	case __NR_sched_yield:
	case __NR_exit:
	case __NR_exit_group:
	case MVX_NR_mvx:
		return true;
	default:
		return false;
	}
}

/**
 * kmvx_inherit_read - mvx(MVX_CALL_POLICY, buf, size)
 * @t: the current thread's state, or NULL
 * @buf: where the policy goes
 * @size: room there
 *
 * Return: the policy's length, -ENOENT if the thread awaits no monitor
 * with a policy kept for it, -ERANGE if @size is too small, -EFAULT.
 */
long kmvx_inherit_read(struct kmvx_task *t, void __user *buf,
		       unsigned long size)
{
	struct kmvx_policy *p = t && !t->mon ? t->inherit : NULL;

	if (!p)
		return -ENOENT;
	if (size < p->len)
		return -ERANGE;
	if (copy_to_user(buf, p->data, p->len))
		return -EFAULT;
	return p->len;
}
