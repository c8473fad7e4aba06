// SPDX-License-Identifier: GPL-2.0
/*
 * What /dev/mvx does: its open files (clients) and the ioctl switch, one
 * handler per command.
 */

#include <linux/module.h>
#include <linux/mvx_dev.h>
#include <linux/uaccess.h>

#include <mvx.h>

#include "device.h"
#include "fdlist.h"
#include "monitor.h"
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

static long mvx_ioctl(void *priv, unsigned int cmd, unsigned long arg)
{
	struct mvx_client *client = priv;
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
	case MVX_IOC_MONITOR_INFO:
		return mvx_ioctl_monitor_info(uarg);
	case MVX_IOC_MONITOR_READ:
		return mvx_ioctl_monitor_read(uarg);
	default:
		return -ENOTTY;
	}
}

static int mvx_open(void **priv)
{
	*priv = mvx_client_new();
	return *priv ? 0 : -ENOMEM;
}

/* Sessions end with the file that started them. */
static void mvx_release(void *priv)
{
	mvx_client_release(priv);
}

/*
 * The device node and its file operations are built in (patch 3), so
 * open files do not pin the module: unloading it ends every session.
 */
static const struct mvx_dev_ops mvx_ops = {
	.open		= mvx_open,
	.release	= mvx_release,
	.ioctl		= mvx_ioctl,
	.revoke		= mvx_clients_revoke,
};

int mvx_device_init(void)
{
	int ret;

	ret = mvx_dev_register(&mvx_ops, 0600);
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
	mvx_dev_unregister(&mvx_ops);
}
