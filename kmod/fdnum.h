/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_FDNUM_H
#define KMVX_FDNUM_H

struct file;

int kmvx_fdnum_install(int want, struct file *file, unsigned int flags);

#endif /* KMVX_FDNUM_H */
