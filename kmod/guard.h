/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_GUARD_H
#define KMVX_GUARD_H

#include <linux/types.h>

struct kmvx_monitor;
struct pt_regs;

bool kmvx_guard_refuses(struct kmvx_monitor *own, struct pt_regs *regs,
			long nr);

#endif /* KMVX_GUARD_H */
