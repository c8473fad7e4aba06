/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_PARK_H
#define KMVX_PARK_H

#include <linux/types.h>

struct kmvx_monitor;
struct kmvx_task;
struct task_struct;

void kmvx_park_init(struct kmvx_monitor *m);
void kmvx_park_task_init(struct kmvx_task *t, struct task_struct *task);
void kmvx_park_add(struct kmvx_monitor *m, struct kmvx_task *t);
void kmvx_park_del(struct kmvx_monitor *m, struct kmvx_task *t);
int kmvx_park_others(struct kmvx_task *self);
void kmvx_park_release(struct kmvx_monitor *m);
bool kmvx_park_alone(void);

#endif /* KMVX_PARK_H */
