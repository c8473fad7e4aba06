// SPDX-License-Identifier: GPL-2.0
/*
 * The clock of a group's variants is the leader's (doc/MVX.md, "Time").
 *
 * A program that a variant of a group of several executes gets no vDSO
 * (patch 8), so clock_gettime(), gettimeofday(), time() and getcpu() are
 * system calls, which its monitor describes as leader-only. Variants run
 * with PR_TSC_SIGSEGV (kmvx_ioctl_group_join() insists), so rdtsc and
 * rdtscp fault; the fault comes here, and the instruction is emulated
 * with the leader's values, at the same place of every variant's
 * sequence of calls (kmvx_group_values()).
 */

#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/smp.h>
#include <linux/topology.h>
#include <linux/uaccess.h>
#include <asm/msr.h>
#include <asm/segment.h>
#include <asm/trapnr.h>

#include <mvx.h>

#include "group.h"
#include "monitor.h"
#include "time.h"

#define KMVX_INSN_RDTSC_LEN	2	/* 0f 31 */
#define KMVX_INSN_RDTSCP_LEN	3	/* 0f 01 f9 */

/*
 * The instruction at @ip: MVX_NR_RDTSC or MVX_NR_RDTSCP, with its length
 * in @len; 0 for anything else (prefixed forms included).
 */
static u64 kmvx_time_decode(unsigned long ip, unsigned int *len)
{
	const u8 __user *p = (const u8 __user *)ip;
	u8 insn[KMVX_INSN_RDTSCP_LEN];

	if (copy_from_user(insn, p, KMVX_INSN_RDTSC_LEN) || insn[0] != 0x0f)
		return 0;
	if (insn[1] == 0x31) {
		*len = KMVX_INSN_RDTSC_LEN;
		return MVX_NR_RDTSC;
	}
	if (insn[1] != 0x01 || get_user(insn[2], p + 2) || insn[2] != 0xf9)
		return 0;
	*len = KMVX_INSN_RDTSCP_LEN;
	return MVX_NR_RDTSCP;
}

/* The counter and TSC_AUX, as rdtscp reads them on this CPU (setup_getcpu()). */
static void kmvx_time_read(u64 *val)
{
	int cpu = get_cpu();

	val[0] = rdtsc_ordered();
	val[1] = vdso_encode_cpunode(cpu, cpu_to_node(cpu));
	put_cpu();
}

/**
 * kmvx_time_trap - a hooked task's user-mode fault (the hook's ->trap)
 * @regs: its registers
 * @trapnr: the exception
 *
 * Return: true if the fault was a variant's rdtsc or rdtscp, now
 * emulated (or the variant killed, its group having stopped).
 */
bool kmvx_time_trap(struct pt_regs *regs, int trapnr)
{
	struct kmvx_task *t = current->mvx_data;
	unsigned int len;
	u64 nr, val[KMVX_GROUP_VALUES];

	if (trapnr != X86_TRAP_GP || !t || !t->var || t->in_excursion ||
	    !test_thread_flag(TIF_NOTSC))
		return false;
	nr = kmvx_time_decode(regs->ip, &len);
	if (!nr)
		return false;
	if (!kmvx_group_values(t, nr, kmvx_time_read, val)) {
		force_sig(SIGKILL);
		return true;
	}
	regs->ax = lower_32_bits(val[0]);
	regs->dx = upper_32_bits(val[0]);
	if (nr == MVX_NR_RDTSCP)
		regs->cx = lower_32_bits(val[1]);
	regs->ip += len;
	return true;
}

/**
 * kmvx_time_no_vdso - whether the current task's new image goes without
 * a vDSO (the hook's ->no_vdso): it does in a group of several variants.
 */
bool kmvx_time_no_vdso(void)
{
	struct kmvx_task *t = current->mvx_data;

	return t && kmvx_group_several(t);
}
