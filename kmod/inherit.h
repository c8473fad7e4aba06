/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_INHERIT_H
#define KMVX_INHERIT_H

#include <linux/compiler_types.h>
#include <linux/types.h>

struct kmvx_policy;
struct kmvx_task;
struct mvx_monitor_desc;
struct pt_regs;

struct kmvx_policy *kmvx_policy_copy(const struct mvx_monitor_desc *d);
struct kmvx_policy *kmvx_policy_get(struct kmvx_policy *p);
void kmvx_policy_put(struct kmvx_policy *p);
bool kmvx_policy_same(const struct kmvx_policy *a,
		      const struct kmvx_policy *b);
struct kmvx_policy *kmvx_policy_for_exec(struct kmvx_policy *p);

bool kmvx_inherit_allows(struct pt_regs *regs, long nr);
long kmvx_inherit_read(struct kmvx_task *t, void __user *buf,
		       unsigned long size);

#endif /* KMVX_INHERIT_H */
