// SPDX-License-Identifier: GPL-2.0
/*
 * kmvx - kernel side of the mvx process controller.
 */

#include <linux/module.h>

#include "device.h"

static int __init kmvx_init(void)
{
	return mvx_device_init();
}

static void __exit kmvx_exit(void)
{
	mvx_device_exit();
}

module_init(kmvx_init);
module_exit(kmvx_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mvx process controller: /dev/mvx");
MODULE_AUTHOR("mvx developers");
