/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_TARGET_H
#define MVX_TARGET_H

#include <linux/types.h>

struct task_struct;

struct task_struct *mvx_task_get(pid_t nr);
struct task_struct *mvx_target_get(pid_t nr);
int mvx_copy_request(void *dst, size_t ksize, const void __user *src,
		     size_t size_ver0, u32 *usize);

#endif /* MVX_TARGET_H */
