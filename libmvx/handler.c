// SPDX-License-Identifier: GPL-2.0
/*
 * handler.c - what the monitor does with each forwarded call
 *
 * Counts the call and applies the policy (the copy in the ring's head,
 * so what umvx shows is what applies); kmvx writes the ring's records
 * (the call log) itself, so the handler does not touch their pages:
 * allow lets the call run as the program made it (the kernel reports its
 * duration with the thread's next excursion, through the cookie), deny
 * gives the result -errno, kill ends the process. A variant of a group
 * describes each call to the kernel first (group.c). The kernel runs one
 * excursion of a process at a time, so nothing here races with itself;
 * umvx reads the counters meanwhile (see mvx_count()).
 */
#include <linux/errno.h>
#include <asm/unistd.h>
#include <syscalls.h>

#include "exec.h"
#include "group.h"
#include "report.h"
#include "state.h"

/**
 * struct mvx_reply - what mvx_entry passes to mvx(MVX_CALL_RETURN)
 * @action: MVX_ACT_*
 * @value: the result, for MVX_ACT_RESULT
 * @cookie: comes back with the call's result: the system call number
 */
struct mvx_reply {
	unsigned long long action;
	long long value;
	unsigned long long cookie;
};

/*
 * Counters have one writer at a time (the kernel runs one excursion of a
 * process at a time, and a forked child has its own copy), so a plain
 * add does: the relaxed store keeps it one 64-bit write, which umvx,
 * reading meanwhile, never sees torn; no locked add is needed.
 */
static void mvx_count(__u64 *counter, __u64 n)
{
	__atomic_store_n(counter, __atomic_load_n(counter, __ATOMIC_RELAXED) + n,
			 __ATOMIC_RELAXED);
}

/* How long the thread's last executed call ran, reported now. */
static void mvx_complete(const struct mvx_call *c)
{
	if (c->prev_cookie < MVX_RING_SYSCALLS)
		mvx_count(&S.ring.count[c->prev_cookie].ns, c->prev_ns);
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
	unsigned int action = S.ring.default_action;
	long long err = S.ring.default_errno;

	if (c->flags & MVX_CALL_PREV)
		mvx_complete(c);
	/* A child forked with a copy of the monitor reports its own pid. */
	S.ring.pid = c->pid;
	S.quiet = !!(c->flags & MVX_CALL_FOLLOWER);

	mvx_count(&S.ring.calls, 1);
	if (c->nr < MVX_RING_SYSCALLS) {
		mvx_count(&S.ring.count[c->nr].calls, 1);
		action = S.ring.action[c->nr];
		err = S.ring.error[c->nr];
	}
	if (action == MVX_POLICY_ALLOW &&
	    (c->nr == __NR_execve || c->nr == __NR_execveat) &&
	    mvx_exec_check(c)) {
		action = MVX_POLICY_DENY;
		err = EPERM;
	}

	/*
	 * A variant's call is described whatever the policy says: the
	 * kernel compares it with the other variants' first.
	 */
	if ((c->flags & MVX_CALL_VARIANT) && mvx_group_call(c))
		action = MVX_POLICY_KILL;
	/*
	 * clone3()'s arguments are a structure of addresses (stack, TLS)
	 * that is not described yet: glibc falls back to clone(). An rseq
	 * area would get the variant's own CPU number, which glibc's
	 * sched_getcpu() reads without a call: without one, glibc makes
	 * the call, and every variant gets the leader's number.
	 */
	if ((c->flags & MVX_CALL_VARIANT) &&
	    (c->nr == __NR_clone3 || c->nr == __NR_rseq) &&
	    action == MVX_POLICY_ALLOW) {
		action = MVX_POLICY_DENY;
		err = c->nr == __NR_rseq ? EPERM : ENOSYS;
	}

	switch (action) {
	case MVX_POLICY_DENY:
		mvx_count(&S.ring.denied, 1);
		if (c->nr < MVX_RING_SYSCALLS)
			mvx_count(&S.ring.count[c->nr].denied, 1);
		reply->action = MVX_ACT_RESULT;
		reply->value = -err;
		reply->cookie = 0;
		break;
	case MVX_POLICY_KILL:
		mvx_kill_message(c);
		reply->action = MVX_ACT_KILL;
		reply->value = 0;
		reply->cookie = 0;
		break;
	default:
		reply->action = MVX_ACT_EXECUTE;
		reply->value = 0;
		reply->cookie = c->nr;
		break;
	}
}
