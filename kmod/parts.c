// SPDX-License-Identifier: GPL-2.0
/*
 * The parts of a call that a group's variants compare and copy: what a
 * monitor's struct mvx_group_call says each argument is, read from and
 * written to the variant's own memory (uapi header, "Groups").
 *
 * Every access here is made from the variant's own thread, after its
 * excursion has closed the monitor's pages again, as the kernel's copies
 * for the program are: an address in "[mvx]" faults like any other bad
 * one, so no variant can have the kernel read or write its monitor.
 */

#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/uio.h>

#include "parts.h"

#define KMVX_PART_FLAGS	(MVX_PART_BY_RESULT | MVX_PART_FDS | MVX_PART_PID)

/**
 * kmvx_parts_check - whether a monitor's description is well formed
 * @c: the description, copied in
 *
 * Return: 0 or -EINVAL.
 */
int kmvx_parts_check(const struct mvx_group_call *c)
{
	u32 i;

	if (c->mode < MVX_RUN_LEADER || c->mode > MVX_RUN_STOP ||
	    c->nr_parts > MVX_GROUP_PARTS_MAX || c->__pad ||
	    (c->flags & ~(MVX_CALL_RET_FD | MVX_CALL_RET_PID |
			  MVX_CALL_WAIT)) ||
	    (c->mode != MVX_RUN_STOP && c->reason) ||
	    (c->mode == MVX_RUN_STOP && c->reason != MVX_STOP_UNSUPPORTED) ||
	    ((c->flags & MVX_CALL_RET_FD) && c->mode != MVX_RUN_LEADER) ||
	    ((c->flags & (MVX_CALL_RET_PID | MVX_CALL_WAIT)) &&
	     c->mode != MVX_RUN_ALL))
		return -EINVAL;
	for (i = 0; i < MVX_GROUP_PARTS_MAX; i++) {
		const struct mvx_group_part *p = &c->parts[i];

		if (i >= c->nr_parts) {
			if (p->kind || p->flags || p->value || p->addr ||
			    p->len)
				return -EINVAL;
			continue;
		}
		if (p->kind < MVX_PART_VALUE || p->kind > MVX_PART_SA_OUT ||
		    (p->flags & ~KMVX_PART_FLAGS) ||
		    (p->kind == MVX_PART_VALUE && (p->addr ||
		     (p->len && !(p->flags & MVX_PART_PID)))))
			return -EINVAL;
		if ((p->flags & MVX_PART_BY_RESULT) && p->kind != MVX_PART_OUT)
			return -EINVAL;
		if ((p->flags & MVX_PART_PID) &&
		    (p->kind != MVX_PART_VALUE || p->len > 5))
			return -EINVAL;
		if ((p->flags & MVX_PART_FDS) && p->kind != MVX_PART_OUT &&
		    p->kind != MVX_PART_IO)
			return -EINVAL;
		if ((p->kind == MVX_PART_IOV || p->kind == MVX_PART_IOV_OUT) &&
		    p->len > UIO_MAXIOV)
			return -EINVAL;
		if (p->kind == MVX_PART_STRV && p->len > MVX_GROUP_STRV_MAX)
			return -EINVAL;
	}
	return 0;
}

/* Room for @n more bytes; -E2BIG past MVX_GROUP_DATA_MAX. */
static int kmvx_parts_grow(struct kmvx_parts *p, size_t n)
{
	size_t want, cap;
	u8 *buf;

	if (n > MVX_GROUP_DATA_MAX || p->len + n > MVX_GROUP_DATA_MAX)
		return -E2BIG;
	want = p->len + n;
	if (want <= p->cap)
		return 0;
	cap = max_t(size_t, max_t(size_t, 2 * p->cap, 256), want);
	cap = min_t(size_t, cap, MVX_GROUP_DATA_MAX);
	buf = kvmalloc(cap, GFP_KERNEL_ACCOUNT);
	if (!buf)
		return -ENOMEM;
	if (p->len)
		memcpy(buf, p->buf, p->len);
	kvfree(p->buf);
	p->buf = buf;
	p->cap = cap;
	return 0;
}

/* Appends @n bytes of the variant's memory at @addr; 1 if they fault. */
static int kmvx_parts_copy(struct kmvx_parts *p, u64 addr, size_t n)
{
	int ret = kmvx_parts_grow(p, n);

	if (ret)
		return ret;
	if (n && copy_from_user(p->buf + p->len, u64_to_user_ptr(addr), n))
		return 1;
	p->len += n;
	return 0;
}

/* Appends the string at @addr with its NUL (MVX_PATH_MAX bytes at most). */
static int kmvx_parts_str(struct kmvx_parts *p, u64 addr)
{
	long n;
	int ret = kmvx_parts_grow(p, MVX_PATH_MAX);

	if (ret)
		return ret;
	n = strncpy_from_user(p->buf + p->len, u64_to_user_ptr(addr),
			      MVX_PATH_MAX);
	if (n < 0)
		return 1;
	p->len += n;
	if (n < MVX_PATH_MAX)
		p->buf[p->len++] = 0;
	return 0;
}

static int kmvx_parts_strv(struct kmvx_parts *p, u64 addr, u64 max)
{
	u64 i, s;
	int ret;

	for (i = 0; i < max; i++) {
		if (get_user(s, (u64 __user *)u64_to_user_ptr(addr) + i))
			return 1;
		if (!s)
			return 0;
		ret = kmvx_parts_str(p, s);
		if (ret)
			return ret;
	}
	return 0;
}

/* The @n iovecs at @addr, copied in; NULL on a fault or no memory. */
static struct iovec *kmvx_parts_iovecs(u64 addr, u64 n, int *err)
{
	struct iovec *iov;

	*err = 0;
	if (!n)
		return NULL;
	iov = kvmalloc_array(n, sizeof(*iov), GFP_KERNEL_ACCOUNT);
	if (!iov) {
		*err = -ENOMEM;
		return NULL;
	}
	if (copy_from_user(iov, u64_to_user_ptr(addr), n * sizeof(*iov))) {
		kvfree(iov);
		*err = 1;
		return NULL;
	}
	return iov;
}

/* Appends the bytes of the @n iovecs at @addr, at most @max of them. */
static int kmvx_parts_iov(struct kmvx_parts *p, u64 addr, u64 n, u64 max)
{
	int ret;
	struct iovec *iov = kmvx_parts_iovecs(addr, n, &ret);
	u64 i, take;

	for (i = 0; i < n && max && !ret; i++) {
		take = min_t(u64, iov[i].iov_len, max);
		ret = kmvx_parts_copy(p, (u64)(uintptr_t)iov[i].iov_base, take);
		max -= take;
	}
	kvfree(iov);
	return ret;
}

static void kmvx_parts_begin(struct kmvx_parts *p, u32 i)
{
	p->off[i] = p->len;
}

/* Ends part @i: @ret 1 (a fault) leaves it empty, marked. */
static int kmvx_parts_end(struct kmvx_parts *p, u32 i, int ret)
{
	if (ret == 1) {
		p->len = p->off[i];
		p->fault[i] = true;
		ret = 0;
	}
	p->plen[i] = p->len - p->off[i];
	return ret;
}

/**
 * kmvx_parts_read_in - read the inputs of a call from the variant's memory
 * @p: zeroed; filled
 * @c: the call's description, checked
 *
 * Return: 0, -E2BIG (more than MVX_GROUP_DATA_MAX bytes) or -ENOMEM.
 */
int kmvx_parts_read_in(struct kmvx_parts *p, const struct mvx_group_call *c)
{
	u32 i, len;
	int ret = 0;

	for (i = 0; i < c->nr_parts && !ret; i++) {
		const struct mvx_group_part *part = &c->parts[i];

		kmvx_parts_begin(p, i);
		switch (part->kind) {
		case MVX_PART_IN:
		case MVX_PART_IO:
			ret = part->addr ? kmvx_parts_copy(p, part->addr,
							   part->len) : 1;
			break;
		case MVX_PART_STR:
			ret = part->addr ? kmvx_parts_str(p, part->addr) : 1;
			break;
		case MVX_PART_STRV:
			ret = part->addr ?
			      kmvx_parts_strv(p, part->addr, part->len) : 1;
			break;
		case MVX_PART_IOV:
			ret = kmvx_parts_iov(p, part->addr, part->len,
					     MVX_GROUP_DATA_MAX);
			break;
		case MVX_PART_SA_OUT:
			if (!part->addr || !part->value) {
				p->sa_len[i] = 0;
				break;
			}
			if (get_user(len, (u32 __user *)u64_to_user_ptr(part->value))) {
				ret = 1;
				break;
			}
			p->sa_len[i] = len;
			ret = kmvx_parts_grow(p, sizeof(len));
			if (!ret) {
				memcpy(p->buf + p->len, &len, sizeof(len));
				p->len += sizeof(len);
			}
			break;
		default:	/* VALUE: in the description; outputs: after */
			break;
		}
		ret = kmvx_parts_end(p, i, ret);
	}
	return ret;
}

/* How many bytes OUT part @part has after a call that returned @ret. */
static u64 kmvx_parts_out_len(const struct mvx_group_part *part, long ret)
{
	u64 unit = part->value ?: 1, n;

	if (!(part->flags & MVX_PART_BY_RESULT))
		return part->len;
	if (check_mul_overflow((u64)ret, unit, &n))
		return part->len;
	return min(n, part->len);
}

/**
 * kmvx_parts_read_out - read the leader's outputs after its call
 * @p: zeroed; filled
 * @c: the leader's description
 * @in: the leader's inputs (SA_OUT's lengths)
 * @ret: the call's result; nothing is read if it is negative
 *
 * Return: 0, -E2BIG or -ENOMEM.
 */
int kmvx_parts_read_out(struct kmvx_parts *p, const struct mvx_group_call *c,
			const struct kmvx_parts *in, long ret)
{
	u32 i, len;
	int err = 0;

	for (i = 0; i < c->nr_parts && !err; i++) {
		const struct mvx_group_part *part = &c->parts[i];

		kmvx_parts_begin(p, i);
		if (ret < 0)
			goto end;
		switch (part->kind) {
		case MVX_PART_OUT:
			err = part->addr ?
			      kmvx_parts_copy(p, part->addr,
					      kmvx_parts_out_len(part, ret)) : 1;
			break;
		case MVX_PART_IO:
			err = part->addr ?
			      kmvx_parts_copy(p, part->addr, part->len) : 1;
			break;
		case MVX_PART_IOV_OUT:
			err = kmvx_parts_iov(p, part->addr, part->len, ret);
			break;
		case MVX_PART_SA_OUT:
			if (!part->addr || !part->value || in->fault[i])
				break;
			if (get_user(len, (u32 __user *)u64_to_user_ptr(part->value))) {
				err = 1;
				break;
			}
			err = kmvx_parts_grow(p, sizeof(len));
			if (err)
				break;
			memcpy(p->buf + p->len, &len, sizeof(len));
			p->len += sizeof(len);
			err = kmvx_parts_copy(p, part->addr,
					      min(len, in->sa_len[i]));
			break;
		default:
			break;
		}
end:
		err = kmvx_parts_end(p, i, err);
	}
	return err;
}

/* Scatters @n bytes over the @count iovecs at @addr. */
static int kmvx_parts_scatter(u64 addr, u64 count, const u8 *src, u64 n)
{
	int err;
	struct iovec *iov = kmvx_parts_iovecs(addr, count, &err);
	u64 i, take;

	if (err)
		return err < 0 ? err : -EFAULT;
	for (i = 0; i < count && n && !err; i++) {
		take = min_t(u64, iov[i].iov_len, n);
		if (copy_to_user(iov[i].iov_base, src, take))
			err = -EFAULT;
		src += take;
		n -= take;
	}
	kvfree(iov);
	return n && !err ? -EFAULT : err;
}

/**
 * kmvx_parts_write_out - give a follower the leader's outputs
 * @out: the leader's outputs (kmvx_parts_read_out())
 * @c: the follower's description, equal to the leader's but for addresses
 * @in: the follower's inputs
 *
 * Return: 0, -EFAULT (the follower's memory does not take them: that is a
 * divergence, the leader's did) or -ENOMEM.
 */
int kmvx_parts_write_out(const struct kmvx_parts *out,
			 const struct mvx_group_call *c,
			 const struct kmvx_parts *in)
{
	u32 i, len;
	int err = 0;

	for (i = 0; i < c->nr_parts && !err; i++) {
		const struct mvx_group_part *part = &c->parts[i];
		const u8 *src = out->buf + out->off[i];
		u32 n = out->plen[i];

		if (!n)
			continue;
		switch (part->kind) {
		case MVX_PART_OUT:
		case MVX_PART_IO:
			if (n > part->len ||
			    copy_to_user(u64_to_user_ptr(part->addr), src, n))
				err = -EFAULT;
			break;
		case MVX_PART_IOV_OUT:
			err = kmvx_parts_scatter(part->addr, part->len, src, n);
			break;
		case MVX_PART_SA_OUT:
			memcpy(&len, src, sizeof(len));
			n -= sizeof(len);
			if (n > in->sa_len[i] ||
			    put_user(len, (u32 __user *)u64_to_user_ptr(part->value)) ||
			    copy_to_user(u64_to_user_ptr(part->addr),
					 src + sizeof(len), n))
				err = -EFAULT;
			break;
		default:
			break;
		}
	}
	return err;
}

/* Shows up to MVX_GROUP_SHOW_MAX bytes of each side from @off on. */
static void kmvx_parts_show(struct kmvx_parts_diff *d, const u8 *a, u64 alen,
			    const u8 *b, u64 blen, u64 off)
{
	d->offset = off;
	d->len[0] = off < alen ? min_t(u64, alen - off, MVX_GROUP_SHOW_MAX) : 0;
	d->len[1] = off < blen ? min_t(u64, blen - off, MVX_GROUP_SHOW_MAX) : 0;
	memcpy(d->bytes[0], a + off, d->len[0]);
	memcpy(d->bytes[1], b + off, d->len[1]);
}

/**
 * kmvx_parts_diff - compare two variants' descriptions of the same call
 * @a: the leader's description, @pa its inputs
 * @b: a follower's, @pb its inputs
 * @d: where they first differ
 *
 * Addresses are not compared: each variant has its own layout.
 * Return: true if they differ.
 */
bool kmvx_parts_diff(const struct mvx_group_call *a,
		     const struct kmvx_parts *pa,
		     const struct mvx_group_call *b,
		     const struct kmvx_parts *pb, struct kmvx_parts_diff *d)
{
	u32 i;

	memset(d, 0, sizeof(*d));
	if (a->mode != b->mode || a->flags != b->flags ||
	    a->nr_parts != b->nr_parts) {
		d->part = MVX_GROUP_PARTS_MAX;
		return true;
	}
	for (i = 0; i < a->nr_parts; i++) {
		const struct mvx_group_part *x = &a->parts[i], *y = &b->parts[i];
		const u8 *bx = pa->buf + pa->off[i], *by = pb->buf + pb->off[i];
		u64 nx = pa->plen[i], ny = pb->plen[i], n = min(nx, ny), k;

		d->part = i;
		if (x->kind != y->kind || x->flags != y->flags ||
		    x->len != y->len || pa->fault[i] != pb->fault[i] ||
		    (x->kind == MVX_PART_VALUE && x->value != y->value)) {
			kmvx_parts_show(d, (const u8 *)&x->value,
					sizeof(x->value),
					(const u8 *)&y->value,
					sizeof(y->value), 0);
			if (x->kind != MVX_PART_VALUE) {
				/* Lengths or faults: show the lengths. */
				kmvx_parts_show(d, (const u8 *)&x->len,
						sizeof(x->len),
						(const u8 *)&y->len,
						sizeof(y->len), 0);
			}
			return true;
		}
		for (k = 0; k < n && bx[k] == by[k]; k++)
			;
		if (k < n || nx != ny) {
			kmvx_parts_show(d, bx, nx, by, ny, k);
			return true;
		}
	}
	return false;
}

void kmvx_parts_free(struct kmvx_parts *p)
{
	kvfree(p->buf);
	memset(p, 0, sizeof(*p));
}
