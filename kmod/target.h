/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_TARGET_H
#define KMVX_TARGET_H

#include <linux/types.h>

struct task_struct;

struct task_struct *kmvx_task_get(pid_t nr);
struct task_struct *kmvx_target_get(pid_t nr);

#endif /* KMVX_TARGET_H */
