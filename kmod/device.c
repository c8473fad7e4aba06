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
#include "session.h"
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
	struct mvx_client *client = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case MVX_IOC_GET_VERSION:
		return mvx_ioctl_version(uarg);
	case MVX_IOC_FD_LIST:
		return mvx_ioctl_fd_list(uarg);
	case MVX_IOC_SESSION_START:
		return mvx_ioctl_session_start(client, uarg);
	case MVX_IOC_SESSION_STATUS:
		return mvx_ioctl_session_status(client, uarg);
	case MVX_IOC_SESSION_CTL:
		return mvx_ioctl_session_ctl(client, uarg);
	default:
		return -ENOTTY;
	}
}

static int mvx_open(struct inode *inode, struct file *file)
{
	struct mvx_client *client;

	client = mvx_client_new();
	if (!client)
		return -ENOMEM;
	/* The misc core set private_data to the miscdevice; not needed. */
	file->private_data = client;
	return nonseekable_open(inode, file);
}

/*
 * Sessions end with the file that started them. The file holds a
 * reference on the module, so the module cannot be unloaded while a
 * session lives.
 */
static int mvx_release(struct inode *inode, struct file *file)
{
	mvx_client_release(file->private_data);
	return 0;
}

static const struct file_operations mvx_fops = {
	.owner		= THIS_MODULE,
	.open		= mvx_open,
	.release	= mvx_release,
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
