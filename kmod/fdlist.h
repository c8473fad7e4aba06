/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_FDLIST_H
#define MVX_FDLIST_H

struct mvx_fd_list;

long mvx_ioctl_fd_list(struct mvx_fd_list __user *uarg);

#endif /* MVX_FDLIST_H */
