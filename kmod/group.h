/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_GROUP_H
#define KMVX_GROUP_H

#include <linux/types.h>

#include <mvx.h>

struct kmvx_group;
struct kmvx_task;
struct kmvx_variant;
struct pt_regs;

/* The controller's side: /dev/mvx ioctls (device.c), its file's release. */
long kmvx_ioctl_group_create(struct kmvx_group **slot,
			     const struct mvx_group_create *req);
long kmvx_ioctl_group_join(struct kmvx_group *g,
			   const struct mvx_group_join *req);
long kmvx_ioctl_group_status(struct kmvx_group *g,
			     struct mvx_group_status *req,
			     struct mvx_group_status __user *uarg, u32 usize);
void kmvx_group_release(struct kmvx_group *g);

/* A variant's side (excursion.c, monitor.c, hook.c). */
long kmvx_group_describe(const struct mvx_group_call *c);
unsigned long kmvx_group_meet(struct kmvx_task *t, struct pt_regs *regs,
			      unsigned long action, long *value);
bool kmvx_group_returning(const struct kmvx_task *t);
void kmvx_group_returns(struct kmvx_task *t, struct pt_regs *regs);
bool kmvx_group_may_fork(const struct kmvx_task *t, u64 clone_flags);
bool kmvx_group_own_call(const struct pt_regs *regs, long nr);
bool kmvx_group_fork(struct kmvx_task *t, struct kmvx_task *ct);
void kmvx_group_task_exit(struct kmvx_task *t);
void kmvx_group_put(struct kmvx_group *g);
void kmvx_group_variant_free(struct kmvx_variant *v);
void kmvx_group_exec(struct kmvx_task *t);
void kmvx_group_registered(struct kmvx_task *t);
bool kmvx_group_awaiting(const struct kmvx_task *t);
bool kmvx_group_follows(const struct kmvx_task *t);
bool kmvx_group_several(const struct kmvx_task *t);

/* Instructions the group replicates (time.c). */
#define KMVX_GROUP_VALUES	2
bool kmvx_group_values(struct kmvx_task *t, u64 nr,
		       void (*read)(u64 *val), u64 *val);

#endif /* KMVX_GROUP_H */
