/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_REACH_H
#define KMVX_REACH_H

#include <linux/types.h>

struct kmvx_monitor;

bool kmvx_reach_monitor(const struct kmvx_monitor *m, long nr,
			const unsigned long *a);
bool kmvx_reach_iov(const struct kmvx_monitor *m, unsigned long uiov,
		    unsigned long cnt);

#endif /* KMVX_REACH_H */
