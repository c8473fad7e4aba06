/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_DUP_H
#define MVX_DUP_H

#include <linux/types.h>

struct pid;
struct pt_regs;
struct task_struct;

/* The hook's callbacks for sessions (see hook.c). */
bool mvx_dup_enter(struct pt_regs *regs, long nr);
void mvx_dup_exit_call(struct pt_regs *regs);
bool mvx_dup_fork(struct task_struct *child, u64 clone_flags);

void mvx_dup_hook_process(struct pid *tgid);
void mvx_dup_unhook_if_idle(struct pid *tgid);

#endif /* MVX_DUP_H */
