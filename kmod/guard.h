/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_GUARD_H
#define MVX_GUARD_H

#include <linux/types.h>

struct mvx_monitor;
struct pt_regs;

bool mvx_guard_refuses(struct mvx_monitor *own, struct pt_regs *regs,
		       long nr);

#endif /* MVX_GUARD_H */
