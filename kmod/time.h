/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_TIME_H
#define KMVX_TIME_H

#include <linux/types.h>

struct pt_regs;

/* The hook's trap and no_vdso callbacks (patch 8), for hook.c. */
bool kmvx_time_trap(struct pt_regs *regs, int trapnr);
bool kmvx_time_no_vdso(void);

#endif /* KMVX_TIME_H */
