/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_EPDATA_H
#define KMVX_EPDATA_H

#include <linux/types.h>

struct kmvx_epdata_entry;

/**
 * struct kmvx_epdata - what one variant registered as the data of its
 * descriptors in its epoll instances (epoll_ctl()), by (epoll
 * descriptor, descriptor): its own pointers, as often as not
 * @e: the entries
 * @n: entries used
 * @cap: entries allocated
 */
struct kmvx_epdata {
	struct kmvx_epdata_entry *e;
	u32 n;
	u32 cap;
};

int kmvx_epdata_set(struct kmvx_epdata *m, int epfd, int fd, u64 data);
void kmvx_epdata_del(struct kmvx_epdata *m, int epfd, int fd);
void kmvx_epdata_translate(const struct kmvx_epdata *from,
			   const struct kmvx_epdata *to, int epfd, u8 *events,
			   size_t len);
int kmvx_epdata_copy(struct kmvx_epdata *dst, const struct kmvx_epdata *src);
void kmvx_epdata_free(struct kmvx_epdata *m);

#endif /* KMVX_EPDATA_H */
