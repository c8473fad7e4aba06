// SPDX-License-Identifier: GPL-2.0
/*
 * kmvx - kernel side of the mvx process controller.
 */

#include <linux/module.h>
#include <linux/rcupdate.h>

#include "device.h"
#include "hook.h"
#include "stats.h"

static int __init kmvx_init(void)
{
	int ret;

	ret = kmvx_hook_init();
	if (ret) {
		pr_err("cannot register the system call hook: %d\n", ret);
		goto err_hook;
	}
	kmvx_stats_init();
	ret = kmvx_device_init();
	if (ret)
		goto err_device;
	return 0;

err_device:
	kmvx_stats_exit();
	kmvx_hook_exit();
err_hook:
	return ret;
}

/*
 * No /dev/mvx file is open, so no session lives, and no monitored thread
 * is left (each pins the module). The monitors they dropped may still be
 * waiting for their RCU callback, which is module code.
 */
static void __exit kmvx_exit(void)
{
	kmvx_device_exit();
	kmvx_stats_exit();
	kmvx_hook_exit();
	rcu_barrier();
}

module_init(kmvx_init);
module_exit(kmvx_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mvx process controller: /dev/mvx");
MODULE_AUTHOR("mvx developers");
