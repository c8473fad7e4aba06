/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_PARTS_H
#define KMVX_PARTS_H

#include <linux/types.h>

#include <mvx.h>

/**
 * struct kmvx_parts - the bytes of a call's parts, as one variant's
 * memory holds them (its inputs before the call, or the leader's outputs
 * after it)
 * @buf: every part's bytes, one after the other
 * @len: bytes used
 * @cap: bytes allocated
 * @off: where part i's bytes start in @buf
 * @plen: how many bytes part i has
 * @fault: part i could not be read
 * @sa_len: SA_OUT: the socklen_t before the call
 * @epdata: IN with MVX_PART_EPOLL: the event's data, not compared
 */
struct kmvx_parts {
	u8 *buf;
	size_t len;
	size_t cap;
	u32 off[MVX_GROUP_PARTS_MAX];
	u32 plen[MVX_GROUP_PARTS_MAX];
	bool fault[MVX_GROUP_PARTS_MAX];
	u32 sa_len[MVX_GROUP_PARTS_MAX];
	u64 epdata[MVX_GROUP_PARTS_MAX];
};

/* Where two descriptions first differ (kmvx_parts_diff()). */
struct kmvx_parts_diff {
	u32 part;		/* MVX_GROUP_PARTS_MAX: the call's mode or flags */
	u64 offset;
	u32 len[2];
	u8 bytes[2][MVX_GROUP_SHOW_MAX];
};

int kmvx_parts_check(const struct mvx_group_call *c);
int kmvx_parts_read_in(struct kmvx_parts *p, const struct mvx_group_call *c);
int kmvx_parts_read_out(struct kmvx_parts *p, const struct mvx_group_call *c,
			const struct kmvx_parts *in, long ret);
int kmvx_parts_write_out(const struct kmvx_parts *out,
			 const struct mvx_group_call *c,
			 const struct kmvx_parts *in);
bool kmvx_parts_diff(const struct mvx_group_call *a,
		     const struct kmvx_parts *pa,
		     const struct mvx_group_call *b,
		     const struct kmvx_parts *pb, struct kmvx_parts_diff *d);
int kmvx_parts_visit_fds(const struct kmvx_parts *out,
			   const struct mvx_group_call *c,
			   int (*fn)(int fd, void *arg), void *arg);
void kmvx_parts_free(struct kmvx_parts *p);

#endif /* KMVX_PARTS_H */
