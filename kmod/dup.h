/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_DUP_H
#define KMVX_DUP_H

#include <linux/types.h>

struct pt_regs;
struct task_struct;

/* The hook's callbacks for sessions (see hook.c). */
bool kmvx_dup_enter(struct pt_regs *regs, long nr);
void kmvx_dup_exit(struct pt_regs *regs);
bool kmvx_dup_fork(struct task_struct *child, u64 clone_flags);

#endif /* KMVX_DUP_H */
