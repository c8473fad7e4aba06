// SPDX-License-Identifier: GPL-2.0
/*
 * What /dev/mvx does: its open files (clients) and the ioctl switch. The
 * switch copies each size-versioned request in and hands the kernel copy
 * to one handler per command, which checks it, acts, and copies out what
 * it reports.
 */

#include <linux/build_bug.h>
#include <linux/module.h>
#include <linux/mvx_dev.h>
#include <linux/stddef.h>
#include <linux/uaccess.h>
#include <asm/unistd.h>

#include <mvx.h>

#include "device.h"
#include "fdlist.h"
#include "group.h"
#include "monitor.h"
#include "session.h"
#include "watch.h"

/**
 * kmvx_copy_request - copy in a request that starts with its __u32 size
 * @dst: kernel copy, @ksize bytes
 * @ksize: sizeof() the request as this module knows it
 * @src: user pointer
 * @size_ver0: the first published size of the request
 * @usize: set to the size the caller claimed
 *
 * Return: 0, -EFAULT, -EINVAL for a size below @size_ver0 or above
 * MVX_STRUCT_SIZE_MAX, or -E2BIG if bytes beyond @ksize are not zero.
 */
int kmvx_copy_request(void *dst, size_t ksize, const void __user *src,
		      size_t size_ver0, u32 *usize)
{
	int ret;

	if (get_user(*usize, (const u32 __user *)src))
		return -EFAULT;
	if (*usize < size_ver0 || *usize > MVX_STRUCT_SIZE_MAX)
		return -EINVAL;

	ret = copy_struct_from_user(dst, ksize, src, *usize);
	if (ret)
		return ret;

	/* The size field itself is read again: keep the first value. */
	*(u32 *)dst = *usize;
	return 0;
}

/*
 * Each published size of a request ends at the last field of its
 * version, and the newest is the size of the structure: fields are only
 * ever appended.
 */
static void kmvx_check_abi(void)
{
	BUILD_BUG_ON(__NR_mvx != MVX_NR_mvx);

	BUILD_BUG_ON(MVX_VERSION_SIZE_VER0 !=
		     offsetofend(struct mvx_version, fd_list_size));
	BUILD_BUG_ON(sizeof(struct mvx_version) != MVX_VERSION_SIZE_VER0);

	BUILD_BUG_ON(MVX_FD_ENTRY_SIZE_VER0 !=
		     offsetofend(struct mvx_fd_entry, path));
	BUILD_BUG_ON(sizeof(struct mvx_fd_entry) != MVX_FD_ENTRY_SIZE_VER0);

	BUILD_BUG_ON(MVX_FD_LIST_SIZE_VER0 !=
		     offsetofend(struct mvx_fd_list, entries));
	BUILD_BUG_ON(sizeof(struct mvx_fd_list) != MVX_FD_LIST_SIZE_VER0);

	BUILD_BUG_ON(MVX_SESSION_START_SIZE_VER0 !=
		     offsetofend(struct mvx_session_start, __pad));
	BUILD_BUG_ON(sizeof(struct mvx_session_start) !=
		     MVX_SESSION_START_SIZE_VER0);

	BUILD_BUG_ON(MVX_SESSION_STATUS_SIZE_VER0 !=
		     offsetofend(struct mvx_session_status, attached_ns));
	BUILD_BUG_ON(sizeof(struct mvx_session_status) !=
		     MVX_SESSION_STATUS_SIZE_VER0);

	BUILD_BUG_ON(MVX_SESSION_CTL_SIZE_VER0 !=
		     offsetofend(struct mvx_session_ctl, __pad));
	BUILD_BUG_ON(sizeof(struct mvx_session_ctl) !=
		     MVX_SESSION_CTL_SIZE_VER0);

	BUILD_BUG_ON(MVX_MONITOR_DESC_SIZE_VER0 !=
		     offsetofend(struct mvx_monitor_desc, exempt));
	BUILD_BUG_ON(MVX_MONITOR_DESC_SIZE_VER1 !=
		     offsetofend(struct mvx_monitor_desc, __pad2));
	BUILD_BUG_ON(MVX_MONITOR_DESC_SIZE_VER2 !=
		     offsetofend(struct mvx_monitor_desc, __pad3));
	BUILD_BUG_ON(sizeof(struct mvx_monitor_desc) !=
		     MVX_MONITOR_DESC_SIZE_VER2);

	BUILD_BUG_ON(MVX_MONITOR_INFO_SIZE_VER0 !=
		     offsetofend(struct mvx_monitor_info, exempt));
	BUILD_BUG_ON(MVX_MONITOR_INFO_SIZE_VER1 !=
		     offsetofend(struct mvx_monitor_info, __pad2));
	BUILD_BUG_ON(sizeof(struct mvx_monitor_info) !=
		     MVX_MONITOR_INFO_SIZE_VER1);

	BUILD_BUG_ON(MVX_MONITOR_READ_SIZE_VER0 !=
		     offsetofend(struct mvx_monitor_read, buf));
	BUILD_BUG_ON(sizeof(struct mvx_group_create) !=
		     MVX_GROUP_CREATE_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct mvx_group_join) != MVX_GROUP_JOIN_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct mvx_group_call) != MVX_GROUP_CALL_SIZE_VER0);
	BUILD_BUG_ON(MVX_GROUP_STATUS_SIZE_VER0 !=
		     offsetofend(struct mvx_group_status, pids));
	BUILD_BUG_ON(sizeof(struct mvx_group_status) !=
		     MVX_GROUP_STATUS_SIZE_VER1);
	BUILD_BUG_ON(sizeof(struct mvx_monitor_read) !=
		     MVX_MONITOR_READ_SIZE_VER0);
}

static long kmvx_ioctl_version(struct mvx_version *ver,
			       struct mvx_version __user *uarg, u32 usize)
{
	ver->size = sizeof(*ver);
	ver->api_version = MVX_API_VERSION;
	ver->fd_entry_size = sizeof(struct mvx_fd_entry);
	ver->fd_list_size = sizeof(struct mvx_fd_list);

	if (copy_to_user(uarg, ver, min_t(size_t, usize, sizeof(*ver))))
		return -EFAULT;
	return 0;
}

/* The kernel copy of the request of any ioctl. */
union kmvx_request {
	struct mvx_version version;
	struct mvx_fd_list fd_list;
	struct mvx_session_start session_start;
	struct mvx_session_status session_status;
	struct mvx_session_ctl session_ctl;
	struct mvx_monitor_info monitor_info;
	struct mvx_monitor_read monitor_read;
	struct mvx_group_create group_create;
	struct mvx_group_join group_join;
	struct mvx_group_status group_status;
};

static long kmvx_ioctl(void *priv, unsigned int cmd, unsigned long arg)
{
	struct kmvx_client *client = priv;
	void __user *uarg = (void __user *)arg;
	union kmvx_request req;
	u32 usize;
	int ret;

	switch (cmd) {
	case MVX_IOC_GET_VERSION:
		ret = kmvx_copy_request(&req.version, sizeof(req.version),
					uarg, MVX_VERSION_SIZE_VER0, &usize);
		return ret ?: kmvx_ioctl_version(&req.version, uarg, usize);
	case MVX_IOC_FD_LIST:
		ret = kmvx_copy_request(&req.fd_list, sizeof(req.fd_list),
					uarg, MVX_FD_LIST_SIZE_VER0, &usize);
		return ret ?: kmvx_ioctl_fd_list(&req.fd_list, uarg);
	case MVX_IOC_SESSION_START:
		ret = kmvx_copy_request(&req.session_start,
					sizeof(req.session_start), uarg,
					MVX_SESSION_START_SIZE_VER0, &usize);
		return ret ?: kmvx_ioctl_session_start(client,
						       &req.session_start,
						       uarg, usize);
	case MVX_IOC_SESSION_STATUS:
		ret = kmvx_copy_request(&req.session_status,
					sizeof(req.session_status), uarg,
					MVX_SESSION_STATUS_SIZE_VER0, &usize);
		return ret ?: kmvx_ioctl_session_status(client,
							&req.session_status,
							uarg, usize);
	case MVX_IOC_SESSION_CTL:
		ret = kmvx_copy_request(&req.session_ctl,
					sizeof(req.session_ctl), uarg,
					MVX_SESSION_CTL_SIZE_VER0, &usize);
		return ret ?: kmvx_ioctl_session_ctl(client, &req.session_ctl);
	case MVX_IOC_MONITOR_INFO:
		ret = kmvx_copy_request(&req.monitor_info,
					sizeof(req.monitor_info), uarg,
					MVX_MONITOR_INFO_SIZE_VER0, &usize);
		return ret ?: kmvx_ioctl_monitor_info(&client->watches,
						      &req.monitor_info, uarg,
						      usize);
	case MVX_IOC_MONITOR_READ:
		ret = kmvx_copy_request(&req.monitor_read,
					sizeof(req.monitor_read), uarg,
					MVX_MONITOR_READ_SIZE_VER0, &usize);
		return ret ?: kmvx_ioctl_monitor_read(&client->watches,
						      &req.monitor_read);
	case MVX_IOC_GROUP_CREATE:
		ret = kmvx_copy_request(&req.group_create,
					sizeof(req.group_create), uarg,
					MVX_GROUP_CREATE_SIZE_VER0, &usize);
		if (ret)
			return ret;
		mutex_lock(&client->lock);
		ret = kmvx_ioctl_group_create(&client->group,
					      &req.group_create);
		mutex_unlock(&client->lock);
		return ret;
	case MVX_IOC_GROUP_JOIN:
		ret = kmvx_copy_request(&req.group_join,
					sizeof(req.group_join), uarg,
					MVX_GROUP_JOIN_SIZE_VER0, &usize);
		if (ret)
			return ret;
		mutex_lock(&client->lock);
		ret = kmvx_ioctl_group_join(client->group, &req.group_join);
		mutex_unlock(&client->lock);
		return ret;
	case MVX_IOC_GROUP_STATUS:
		ret = kmvx_copy_request(&req.group_status,
					sizeof(req.group_status), uarg,
					MVX_GROUP_STATUS_SIZE_VER0, &usize);
		if (ret)
			return ret;
		mutex_lock(&client->lock);
		ret = kmvx_ioctl_group_status(client->group,
					      &req.group_status, uarg, usize);
		mutex_unlock(&client->lock);
		return ret;
	default:
		return -ENOTTY;
	}
}

static int kmvx_open(void **priv)
{
	*priv = kmvx_client_new();
	return *priv ? 0 : -ENOMEM;
}

/* Sessions end with the file that started them. */
static void kmvx_release(void *priv)
{
	kmvx_client_release(priv);
}

/*
 * The device node and its file operations are built in (patch 3), so
 * open files do not pin the module: unloading it ends every session.
 */
static const struct mvx_dev_ops kmvx_device_ops = {
	.open		= kmvx_open,
	.release	= kmvx_release,
	.ioctl		= kmvx_ioctl,
	.revoke		= kmvx_clients_revoke,
};

int kmvx_device_init(void)
{
	int ret;

	kmvx_check_abi();
	ret = mvx_dev_register(&kmvx_device_ops, 0600);
	if (ret) {
		pr_err("cannot register /dev/%s: %d\n", MVX_DEVICE_NAME, ret);
		return ret;
	}
	pr_info("/dev/%s ready, API version %d\n", MVX_DEVICE_NAME,
		MVX_API_VERSION);
	return 0;
}

void kmvx_device_exit(void)
{
	mvx_dev_unregister(&kmvx_device_ops);
}
