// SPDX-License-Identifier: GPL-2.0
/*
 * handler.c - what the monitor does with each forwarded call
 *
 * Records the call in the ring, counts it, and applies the policy (the
 * copy in the ring's head, so what umvx shows is what applies):
 * allow lets the call run as the program made it (the kernel reports its
 * result with the thread's next excursion, through the cookie), deny
 * gives the result -errno, kill ends the process. The kernel runs one
 * excursion of a process at a time, so nothing here races with itself;
 * the release stores are for umvx, which reads the ring meanwhile.
 */
#include <linux/errno.h>
#include <asm/unistd.h>

#include "exec.h"
#include "report.h"
#include "state.h"

/**
 * struct mvx_reply - what mvx_entry passes to mvx(MVX_CALL_RETURN)
 * @action: MVX_ACT_*
 * @value: the result, for MVX_ACT_RESULT
 * @cookie: comes back with the call's result: record number + 1 in the
 *	low 48 bits, the system call number above
 */
struct mvx_reply {
	unsigned long long action;
	long long value;
	unsigned long long cookie;
};

#define MVX_COOKIE_SEQ(c)	((c) & ((1ULL << 48) - 1))
#define MVX_COOKIE_NR(c)	((c) >> 48)

static struct mvx_record *mvx_slot(unsigned long long seq)
{
	return &S.ring.records[(seq - 1) % MVX_RING_RECORDS];
}

static void mvx_publish(struct mvx_record *r, unsigned long long seq)
{
	__atomic_store_n(&r->seq, seq, __ATOMIC_RELEASE);
}

static void mvx_unpublish(struct mvx_record *r)
{
	__atomic_store_n(&r->seq, 0, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

/* The result of the thread's last executed call, reported now. */
static void mvx_complete(const struct mvx_call *c)
{
	unsigned long long seq = MVX_COOKIE_SEQ(c->prev_cookie);
	unsigned long long nr = MVX_COOKIE_NR(c->prev_cookie);
	struct mvx_record *r;

	if (nr < MVX_RING_SYSCALLS)
		__atomic_fetch_add(&S.ring.count[nr].ns, c->prev_ns,
				   __ATOMIC_RELAXED);
	if (!seq)
		return;
	r = mvx_slot(seq);
	if (__atomic_load_n(&r->seq, __ATOMIC_RELAXED) != seq)
		return;		/* overwritten since */
	mvx_unpublish(r);
	r->result = c->prev_result;
	r->dur_ns = c->prev_ns;
	r->flags |= MVX_REC_DONE;
	mvx_publish(r, seq);
}

static void mvx_kill_message(const struct mvx_call *c)
{
	const char *name = mvx_syscall_name(c->nr);
	char msg[128];
	struct mvx_buf b;

	mvx_buf_init(&b, msg, sizeof(msg));
	mvx_buf_str(&b, "policy kills process ");
	mvx_buf_s64(&b, S.ring.pid);
	mvx_buf_str(&b, ": ");
	if (name)
		mvx_buf_str(&b, name);
	else
		mvx_buf_u64(&b, c->nr);
	mvx_say(msg);
}

void mvx_handle(const struct mvx_call *c, struct mvx_reply *reply)
{
	unsigned long long seq;
	struct mvx_record *r;
	unsigned int action = S.ring.default_action;
	long long err = S.ring.default_errno;
	unsigned int i;

	if (c->flags & MVX_CALL_PREV)
		mvx_complete(c);
	/* A child forked with a copy of the monitor reports its own pid. */
	S.ring.pid = c->pid;

	seq = __atomic_add_fetch(&S.ring.head, 1, __ATOMIC_RELAXED);
	r = mvx_slot(seq);
	mvx_unpublish(r);
	r->tid = c->tid;
	r->nr = c->nr;
	for (i = 0; i < 6; i++)
		r->args[i] = c->args[i];
	r->result = 0;
	r->time_ns = c->time_ns;
	r->dur_ns = 0;
	r->flags = 0;

	__atomic_fetch_add(&S.ring.calls, 1, __ATOMIC_RELAXED);
	if (c->nr < MVX_RING_SYSCALLS) {
		__atomic_fetch_add(&S.ring.count[c->nr].calls, 1,
				   __ATOMIC_RELAXED);
		action = S.ring.action[c->nr];
		err = S.ring.error[c->nr];
	}
	if (action == MVX_POLICY_ALLOW &&
	    (c->nr == __NR_execve || c->nr == __NR_execveat) &&
	    mvx_exec_check(c)) {
		action = MVX_POLICY_DENY;
		err = EPERM;
	}

	switch (action) {
	case MVX_POLICY_DENY:
		r->result = -err;
		r->flags = MVX_REC_DONE | MVX_REC_DENIED;
		__atomic_fetch_add(&S.ring.denied, 1, __ATOMIC_RELAXED);
		if (c->nr < MVX_RING_SYSCALLS)
			__atomic_fetch_add(&S.ring.count[c->nr].denied, 1,
					   __ATOMIC_RELAXED);
		reply->action = MVX_ACT_RESULT;
		reply->value = -err;
		reply->cookie = 0;
		break;
	case MVX_POLICY_KILL:
		r->flags = MVX_REC_KILLED;
		mvx_kill_message(c);
		reply->action = MVX_ACT_KILL;
		reply->value = 0;
		reply->cookie = 0;
		break;
	default:
		r->flags = MVX_REC_EXECUTED;
		reply->action = MVX_ACT_EXECUTE;
		reply->value = 0;
		reply->cookie = seq |
			((c->nr < MVX_RING_SYSCALLS ? c->nr : 0xffff) << 48);
		break;
	}
	mvx_publish(r, seq);
}
