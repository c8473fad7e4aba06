/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_FDLIST_H
#define KMVX_FDLIST_H

struct mvx_fd_list;

/* MVX_IOC_FD_LIST, given the request device.c copied in. */
long kmvx_ioctl_fd_list(struct mvx_fd_list *req,
			struct mvx_fd_list __user *uarg);

#endif /* KMVX_FDLIST_H */
