// SPDX-License-Identifier: GPL-2.0
/*
 * A descriptor at a given number of the current process: a follower's
 * descriptors have the leader's numbers (group.c), but the follower's
 * threads make theirs in an order of their own, so a number is taken as
 * the leader got it, not as the lowest free one.
 */

#include <linux/file.h>
#include <linux/fs.h>

#include "fdnum.h"

/* Most free numbers below the wanted one that are stepped over. */
#define KMVX_FDNUM_HOLES	64

/**
 * kmvx_fdnum_install - install @file at descriptor number @want
 * @want: the number
 * @file: the file; the descriptor takes a reference of its own
 * @flags: O_CLOEXEC or 0
 *
 * The free numbers below @want are reserved meanwhile, so that the
 * reservation of @want is the kernel's own allocation: no other thread
 * can take it between a look and the install.
 *
 * Return: 0; -EBUSY if @want is in use (or more than KMVX_FDNUM_HOLES
 * numbers below it are free: later, they may not be); another error of
 * the allocation.
 */
int kmvx_fdnum_install(int want, struct file *file, unsigned int flags)
{
	int held[KMVX_FDNUM_HOLES];
	int n = 0, fd, ret = -EBUSY;

	while (n < KMVX_FDNUM_HOLES) {
		fd = get_unused_fd_flags(flags);
		if (fd < 0) {
			ret = fd;
			break;
		}
		if (fd == want) {
			fd_install(fd, get_file(file));
			ret = 0;
			break;
		}
		if (fd > want) {
			put_unused_fd(fd);
			break;
		}
		held[n++] = fd;
	}
	while (n--)
		put_unused_fd(held[n]);
	return ret;
}
