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

#include <linux/fs.h>
#include <linux/eventpoll.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/uio.h>

#include "parts.h"

#define KMVX_PART_FLAGS	(MVX_PART_BY_RESULT | MVX_PART_FDS | MVX_PART_PID | \
			 MVX_PART_POLLFD | MVX_PART_EPOLL)

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
	    ((c->flags & MVX_CALL_RET_FD) && c->mode == MVX_RUN_STOP) ||
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
		if (p->kind < MVX_PART_VALUE || p->kind > MVX_PART_MSG_OUT ||
		    (p->flags & ~KMVX_PART_FLAGS) ||
		    (p->kind == MVX_PART_VALUE && (p->addr ||
		     (p->len && !(p->flags & MVX_PART_PID)))))
			return -EINVAL;
		if ((p->flags & MVX_PART_BY_RESULT) && p->kind != MVX_PART_OUT)
			return -EINVAL;
		if ((p->flags & MVX_PART_PID) &&
		    (p->kind != MVX_PART_VALUE || p->len > 5))
			return -EINVAL;
		if ((p->flags & MVX_PART_POLLFD) &&
		    (p->kind != MVX_PART_IO || p->len % sizeof(struct pollfd)))
			return -EINVAL;
		if ((p->flags & MVX_PART_EPOLL) &&
		    (c->parts[0].kind != MVX_PART_VALUE ||
		     (p->kind == MVX_PART_IN &&
		      (c->nr_parts < 2 ||
		       c->parts[1].kind != MVX_PART_VALUE)) ||
		     (p->kind == MVX_PART_IN &&
		      p->len != sizeof(struct epoll_event)) ||
		     (p->kind == MVX_PART_OUT &&
		      (!(p->flags & MVX_PART_BY_RESULT) ||
		       p->value != sizeof(struct epoll_event))) ||
		     (p->kind != MVX_PART_IN && p->kind != MVX_PART_OUT)))
			return -EINVAL;
		if ((p->flags & MVX_PART_FDS) && p->kind != MVX_PART_OUT &&
		    p->kind != MVX_PART_IO && p->kind != MVX_PART_MSG_OUT)
			return -EINVAL;
		if ((p->kind == MVX_PART_MSG || p->kind == MVX_PART_MSG_OUT) &&
		    (p->value || p->len))
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

/* Appends @n bytes of the kernel's at @src. */
static int kmvx_parts_append(struct kmvx_parts *p, const void *src, size_t n)
{
	int ret = kmvx_parts_grow(p, n);

	if (ret)
		return ret;
	memcpy(p->buf + p->len, src, n);
	p->len += n;
	return 0;
}

/*
 * What a MSG or MSG_OUT part holds first: the lengths of the msghdr
 * before the call, and which of its buffers are there.
 */
struct kmvx_msg_room {
	u64 namelen;
	u64 iovlen;
	u64 controllen;
	u64 has;
	u64 iov_room;
};

#define KMVX_MSG_NAME		BIT(0)
#define KMVX_MSG_CONTROL	BIT(1)

/*
 * What a MSG_OUT part of the leader's outputs holds first: what its
 * call wrote into the msghdr, and how many bytes of its name, iovecs and
 * control data follow.
 */
struct kmvx_msg_got {
	u64 namelen;
	u64 controllen;
	u64 flags;
	u64 name_bytes;
	u64 iov_bytes;
	u64 control_bytes;
};

/* The msghdr at @addr, copied in; 1 if it faults. */
static int kmvx_parts_msghdr(u64 addr, struct user_msghdr *m)
{
	if (!addr || copy_from_user(m, u64_to_user_ptr(addr), sizeof(*m)))
		return 1;
	return 0;
}

/*
 * MSG: the room, then the name, the iovecs' bytes and the control data
 * of the msghdr at @addr (sendmsg()). MSG_OUT (@out): the room alone,
 * which is all of a recvmsg()'s msghdr there is to compare.
 */
static int kmvx_parts_msg_in(struct kmvx_parts *p, u64 addr, bool out)
{
	struct kmvx_msg_room r = {};
	struct user_msghdr m;
	int ret;

	if (kmvx_parts_msghdr(addr, &m))
		return 1;
	r.namelen = (u32)m.msg_namelen;
	r.iovlen = m.msg_iovlen;
	r.controllen = m.msg_controllen;
	r.has = (m.msg_name ? KMVX_MSG_NAME : 0) |
		(m.msg_control ? KMVX_MSG_CONTROL : 0);
	if (out && r.iovlen <= UIO_MAXIOV) {
		struct iovec *iov = kmvx_parts_iovecs((u64)(uintptr_t)m.msg_iov,
						      r.iovlen, &ret);
		u64 i;

		if (ret)
			return ret;
		for (i = 0; i < r.iovlen; i++)
			r.iov_room += iov[i].iov_len;
		kvfree(iov);
	}
	ret = kmvx_parts_append(p, &r, sizeof(r));
	if (ret || out)
		return ret;
	/* What the call would not take is compared by its length alone. */
	if (m.msg_name && r.namelen <= sizeof(struct sockaddr_storage))
		ret = kmvx_parts_copy(p, (u64)(uintptr_t)m.msg_name,
				      r.namelen);
	if (!ret && r.iovlen <= UIO_MAXIOV)
		ret = kmvx_parts_iov(p, (u64)(uintptr_t)m.msg_iov, r.iovlen,
				     MVX_GROUP_DATA_MAX);
	if (!ret && m.msg_control)
		ret = kmvx_parts_copy(p, (u64)(uintptr_t)m.msg_control,
				      r.controllen);
	return ret;
}

/*
 * MSG_OUT after the leader's recvmsg() returned @ret bytes: what the
 * call wrote into the msghdr at @addr, then its name, its iovecs' first
 * @ret bytes and its control data, within the room @r it had.
 */
static int kmvx_parts_msg_out(struct kmvx_parts *p, u64 addr, long ret,
			      const struct kmvx_msg_room *r)
{
	struct kmvx_msg_got g = {};
	struct user_msghdr m;
	size_t at = p->len, from;
	int err;

	if (kmvx_parts_msghdr(addr, &m))
		return 1;
	g.namelen = (u32)m.msg_namelen;
	g.controllen = m.msg_controllen;
	g.flags = m.msg_flags;
	if (m.msg_name)
		g.name_bytes = min(g.namelen, r->namelen);
	if (m.msg_control)
		g.control_bytes = min(g.controllen, r->controllen);
	err = kmvx_parts_append(p, &g, sizeof(g));
	if (!err && g.name_bytes)
		err = kmvx_parts_copy(p, (u64)(uintptr_t)m.msg_name,
				      g.name_bytes);
	/* With MSG_TRUNC the result can exceed what the iovecs hold. */
	from = p->len;
	if (!err)
		err = kmvx_parts_iov(p, (u64)(uintptr_t)m.msg_iov,
				     min_t(u64, m.msg_iovlen, UIO_MAXIOV), ret);
	g.iov_bytes = p->len - from;
	if (!err && g.control_bytes)
		err = kmvx_parts_copy(p, (u64)(uintptr_t)m.msg_control,
				      g.control_bytes);
	if (!err)
		memcpy(p->buf + at, &g, sizeof(g));
	return err;
}

/* A follower's msghdr at @addr takes the leader's MSG_OUT part @src. */
static int kmvx_parts_msg_write(u64 addr, const u8 *src, u64 n)
{
	struct user_msghdr __user *um = u64_to_user_ptr(addr);
	struct kmvx_msg_got got, *g = &got;
	struct user_msghdr m;
	int err;

	if (n < sizeof(got) || kmvx_parts_msghdr(addr, &m))
		return -EFAULT;
	memcpy(&got, src, sizeof(got));
	if (n != sizeof(got) + g->name_bytes + g->iov_bytes + g->control_bytes)
		return -EFAULT;
	src += sizeof(got);
	if (g->name_bytes) {
		if (!m.msg_name || g->name_bytes > (u32)m.msg_namelen ||
		    copy_to_user(m.msg_name, src, g->name_bytes))
			return -EFAULT;
		src += g->name_bytes;
	}
	err = kmvx_parts_scatter((u64)(uintptr_t)m.msg_iov,
				 min_t(u64, m.msg_iovlen, UIO_MAXIOV), src,
				 g->iov_bytes);
	if (err)
		return err;
	src += g->iov_bytes;
	if (g->control_bytes &&
	    (!m.msg_control || g->control_bytes > m.msg_controllen ||
	     copy_to_user(m.msg_control, src, g->control_bytes)))
		return -EFAULT;
	/* recvmsg() writes the name's length only where there is a name. */
	if ((m.msg_name && put_user((int)g->namelen, &um->msg_namelen)) ||
	    put_user(g->controllen, &um->msg_controllen) ||
	    put_user((unsigned int)g->flags, &um->msg_flags))
		return -EFAULT;
	return 0;
}

/*
 * The revents of the pollfds of part @i, just read, are what the last
 * poll() left there: output only, each variant's own. Not compared.
 */
static void kmvx_parts_no_revents(struct kmvx_parts *p, u32 i)
{
	struct pollfd pfd;
	size_t k;

	for (k = p->off[i]; k + sizeof(pfd) <= p->len; k += sizeof(pfd)) {
		memcpy(&pfd, p->buf + k, sizeof(pfd));
		pfd.revents = 0;
		memcpy(p->buf + k, &pfd, sizeof(pfd));
	}
}

/* An epoll_event's data, just read: kept aside, not compared. */
static void kmvx_parts_epdata(struct kmvx_parts *p, u32 i)
{
	struct epoll_event ev;

	memcpy(&ev, p->buf + p->off[i], sizeof(ev));
	p->epdata[i] = ev.data;
	ev.data = 0;
	memcpy(p->buf + p->off[i], &ev, sizeof(ev));
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
			if (!ret && (part->flags & MVX_PART_POLLFD))
				kmvx_parts_no_revents(p, i);
			if (!ret && (part->flags & MVX_PART_EPOLL))
				kmvx_parts_epdata(p, i);
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
		case MVX_PART_MSG:
		case MVX_PART_MSG_OUT:
			ret = kmvx_parts_msg_in(p, part->addr,
						part->kind == MVX_PART_MSG_OUT);
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
	struct kmvx_msg_room room;
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
		case MVX_PART_MSG_OUT:
			if (in->fault[i] || in->plen[i] != sizeof(room))
				break;
			memcpy(&room, in->buf + in->off[i], sizeof(room));
			err = kmvx_parts_msg_out(p, part->addr, ret, &room);
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
		case MVX_PART_MSG_OUT:
			err = kmvx_parts_msg_write(part->addr, src, n);
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

/*
 * The descriptors of the SCM_RIGHTS messages in @n bytes of control
 * data (a copy, aligned anyhow).
 */
static int kmvx_parts_cmsg_fds(const u8 *ctl, u64 n,
			       int (*fn)(int fd, void *arg), void *arg)
{
	struct cmsghdr cm;
	u64 off = 0, k;
	int fd, ret;

	while (off + sizeof(cm) <= n) {
		memcpy(&cm, ctl + off, sizeof(cm));
		if (cm.cmsg_len < sizeof(cm) || cm.cmsg_len > n - off)
			break;
		for (k = CMSG_LEN(0); cm.cmsg_level == SOL_SOCKET &&
		     cm.cmsg_type == SCM_RIGHTS &&
		     k + sizeof(fd) <= cm.cmsg_len; k += sizeof(fd)) {
			memcpy(&fd, ctl + off + k, sizeof(fd));
			ret = fn(fd, arg);
			if (ret)
				return ret;
		}
		off += CMSG_ALIGN(cm.cmsg_len);
	}
	return 0;
}

/**
 * kmvx_parts_visit_fds - the descriptors the leader got in its outputs
 * @out: the leader's outputs
 * @c: its description
 * @fn: called with each, in order, and @arg
 * @arg: for @fn
 *
 * The descriptors are those of MVX_PART_FDS parts: the ints of an OUT or
 * IO part, those of the SCM_RIGHTS messages of a MSG_OUT part.
 * Return: 0, or the first non-zero return of @fn.
 */
int kmvx_parts_visit_fds(const struct kmvx_parts *out,
			   const struct mvx_group_call *c,
			   int (*fn)(int fd, void *arg), void *arg)
{
	struct kmvx_msg_got g;
	const u8 *src;
	u32 i, k;
	int fd, ret;

	for (i = 0; i < c->nr_parts; i++) {
		if (!(c->parts[i].flags & MVX_PART_FDS))
			continue;
		src = out->buf + out->off[i];
		if (c->parts[i].kind == MVX_PART_MSG_OUT) {
			if (out->plen[i] < sizeof(g))
				continue;
			memcpy(&g, src, sizeof(g));
			if (g.control_bytes > out->plen[i] - sizeof(g))
				continue;
			ret = kmvx_parts_cmsg_fds(src + out->plen[i] -
						  g.control_bytes,
						  g.control_bytes, fn, arg);
			if (ret)
				return ret;
			continue;
		}
		for (k = 0; k + sizeof(fd) <= out->plen[i]; k += sizeof(fd)) {
			memcpy(&fd, src + k, sizeof(fd));
			ret = fn(fd, arg);
			if (ret)
				return ret;
		}
	}
	return 0;
}

void kmvx_parts_free(struct kmvx_parts *p)
{
	kvfree(p->buf);
	memset(p, 0, sizeof(*p));
}
