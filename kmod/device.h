/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_DEVICE_H
#define KMVX_DEVICE_H

#include <linux/types.h>

int kmvx_device_init(void);
void kmvx_device_exit(void);

/* Also for mvx(MVX_CALL_REGISTER)'s descriptor (hook.c). */
int kmvx_copy_request(void *dst, size_t ksize, const void __user *src,
		      size_t size_ver0, u32 *usize);

#endif /* KMVX_DEVICE_H */
