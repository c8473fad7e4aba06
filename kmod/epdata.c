// SPDX-License-Identifier: GPL-2.0
/*
 * The data a group's variants give their epoll registrations.
 *
 * A program registers a descriptor with epoll_ctl() and some data, often
 * a pointer into its own memory, and gets that data back from
 * epoll_wait(). The layouts of variants differ, so the data does too:
 * it is not compared, each variant's is kept here by (epoll descriptor,
 * descriptor), and the leader's events are given to a follower with the
 * data the follower registered for the same descriptor.
 */

#include <linux/fs.h>
#include <linux/eventpoll.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "epdata.h"

/* Most registrations kept per variant. */
#define KMVX_EPDATA_MAX	65536

struct kmvx_epdata_entry {
	int epfd;
	int fd;
	u64 data;
};

static struct kmvx_epdata_entry *kmvx_epdata_find(const struct kmvx_epdata *m,
						  int epfd, int fd)
{
	u32 i;

	for (i = 0; i < m->n; i++)
		if (m->e[i].epfd == epfd && m->e[i].fd == fd)
			return &m->e[i];
	return NULL;
}

/**
 * kmvx_epdata_set - a variant registers @data for @fd in @epfd
 * @m: its registrations
 * @epfd: the epoll descriptor
 * @fd: the descriptor
 * @data: its data
 *
 * Return: 0, or -ENOMEM (past KMVX_EPDATA_MAX too).
 */
int kmvx_epdata_set(struct kmvx_epdata *m, int epfd, int fd, u64 data)
{
	struct kmvx_epdata_entry *e = kmvx_epdata_find(m, epfd, fd);
	u32 cap;

	if (!e) {
		if (m->n == m->cap) {
			if (m->cap >= KMVX_EPDATA_MAX)
				return -ENOMEM;
			cap = max(16U, 2 * m->cap);
			e = kvrealloc(m->e, m->cap * sizeof(*e),
				      cap * sizeof(*e), GFP_KERNEL_ACCOUNT);
			if (!e)
				return -ENOMEM;
			m->e = e;
			m->cap = cap;
		}
		e = &m->e[m->n++];
		e->epfd = epfd;
		e->fd = fd;
	}
	e->data = data;
	return 0;
}

/* @fd is no longer registered in @epfd (EPOLL_CTL_DEL). */
void kmvx_epdata_del(struct kmvx_epdata *m, int epfd, int fd)
{
	struct kmvx_epdata_entry *e = kmvx_epdata_find(m, epfd, fd);

	if (e)
		*e = m->e[--m->n];
}

/**
 * kmvx_epdata_translate - the leader's events, as a follower registered
 * @from: the leader's registrations
 * @to: the follower's
 * @epfd: the epoll descriptor the events came from
 * @events: struct epoll_event[] (packed on x86_64), changed in place
 * @len: their bytes
 *
 * Each event's data is the leader's for some descriptor: it becomes the
 * follower's for that descriptor. Data the leader did not register for
 * one descriptor alone in @epfd is left as it is.
 */
void kmvx_epdata_translate(const struct kmvx_epdata *from,
			   const struct kmvx_epdata *to, int epfd, u8 *events,
			   size_t len)
{
	const struct kmvx_epdata_entry *f, *t;
	struct epoll_event ev;
	size_t k;
	u32 i;

	for (k = 0; k + sizeof(ev) <= len; k += sizeof(ev)) {
		memcpy(&ev, events + k, sizeof(ev));
		f = NULL;
		for (i = 0; i < from->n; i++) {
			if (from->e[i].epfd != epfd ||
			    from->e[i].data != ev.data)
				continue;
			if (f) {	/* not one descriptor's */
				f = NULL;
				break;
			}
			f = &from->e[i];
		}
		t = f ? kmvx_epdata_find(to, epfd, f->fd) : NULL;
		if (!t)
			continue;
		ev.data = t->data;
		memcpy(events + k, &ev, sizeof(ev));
	}
}

/* @dst, empty, becomes a copy of @src (a fork's child). */
int kmvx_epdata_copy(struct kmvx_epdata *dst, const struct kmvx_epdata *src)
{
	if (!src->n)
		return 0;
	dst->e = kvmalloc_array(src->n, sizeof(*dst->e), GFP_KERNEL_ACCOUNT);
	if (!dst->e)
		return -ENOMEM;
	memcpy(dst->e, src->e, src->n * sizeof(*dst->e));
	dst->n = src->n;
	dst->cap = src->n;
	return 0;
}

void kmvx_epdata_free(struct kmvx_epdata *m)
{
	kvfree(m->e);
	memset(m, 0, sizeof(*m));
}
