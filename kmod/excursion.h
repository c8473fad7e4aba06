/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_EXCURSION_H
#define KMVX_EXCURSION_H

#include <linux/types.h>

struct pt_regs;

/* The hook's enter and exit callbacks for monitored threads (hook.c). */
bool kmvx_excursion_enter(struct pt_regs *regs, long nr);
bool kmvx_excursion_exit(struct pt_regs *regs);

#endif /* KMVX_EXCURSION_H */
