// SPDX-License-Identifier: GPL-2.0
/*
 * The /dev/mvx misc device and its ioctl switch: one handler per command.
 */

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include <mvx.h>

#include "device.h"
#include "fdlist.h"
#include "target.h"

static long mvx_ioctl_version(struct mvx_version __user *uarg)
{
	struct mvx_version ver;
	u32 usize;
	int ret;

	ret = mvx_copy_request(&ver, sizeof(ver), uarg, MVX_VERSION_SIZE_VER0,
			       &usize);
	if (ret)
		return ret;

	ver.size = sizeof(ver);
	ver.api_version = MVX_API_VERSION;
	ver.fd_entry_size = sizeof(struct mvx_fd_entry);
	ver.fd_list_size = sizeof(struct mvx_fd_list);

	if (copy_to_user(uarg, &ver, min_t(size_t, usize, sizeof(ver))))
		return -EFAULT;
	return 0;
}

static long mvx_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case MVX_IOC_GET_VERSION:
		return mvx_ioctl_version(uarg);
	case MVX_IOC_FD_LIST:
		return mvx_ioctl_fd_list(uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations mvx_fops = {
	.owner		= THIS_MODULE,
	.open		= nonseekable_open,
	.unlocked_ioctl	= mvx_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice mvx_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= MVX_DEVICE_NAME,
	.fops	= &mvx_fops,
	.mode	= 0600,
};

int mvx_device_init(void)
{
	int ret;

	ret = misc_register(&mvx_misc);
	if (ret) {
		pr_err("cannot register /dev/%s: %d\n", MVX_DEVICE_NAME, ret);
		return ret;
	}
	pr_info("/dev/%s ready, API version %d\n", MVX_DEVICE_NAME,
		MVX_API_VERSION);
	return 0;
}

void mvx_device_exit(void)
{
	misc_deregister(&mvx_misc);
}
