/* SPDX-License-Identifier: GPL-2.0 */
/*
 * policy.h - libmvx's policy: what happens to each forwarded system call
 *
 * The policy comes from the file MVX_POLICY names (its format is
 * mvx-policy(5) and doc/MONITOR.md) and from the MVX_EXEMPT list. The
 * parser is pure: it makes no system call, keeps no state of its own and
 * writes only the structures it is given, so the host unit tests
 * (libmvx/tests/) run it as it is.
 *
 * After mvx_policy_init(), mvx_policy_parse() or
 * mvx_policy_add_exempt_list() the tables are final: @action[nr] and
 * @error[nr] say what the monitor does with a forwarded call nr (the
 * default already applied to the numbers no rule names), and an exempt
 * call, or mvx() itself, is MVX_POLICY_ALLOW because it runs without the
 * monitor.
 */
#ifndef MVX_POLICY_H
#define MVX_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include <mvx.h>
#include <mvx_ring.h>

/* Longest message of a struct mvx_policy_error, with its NUL. */
#define MVX_POLICY_MSG_MAX	512

/* Largest errno a deny accepts (as the kernel's MAX_ERRNO). */
#define MVX_POLICY_ERRNO_MAX	4095

/**
 * struct mvx_policy - a parsed policy
 * @action: per system call: MVX_POLICY_ALLOW, _DENY or _KILL
 * @error: per system call: the errno of a deny, else 0
 * @exempt: bit N set: system call N is not forwarded (the bitmap of
 *	struct mvx_monitor_desc)
 * @ruled: bit N set: a rule names system call N
 * @default_action: MVX_POLICY_* for the calls no rule names
 * @default_errno: the errno of a default deny, else 0
 * @rules: number of rules (NAME lines; not default or exempt)
 */
struct mvx_policy {
	uint8_t action[MVX_SYSCALL_MAX];
	uint16_t error[MVX_SYSCALL_MAX];
	uint64_t exempt[MVX_SYSCALL_MAX / 64];
	uint64_t ruled[MVX_SYSCALL_MAX / 64];
	uint32_t default_action;
	uint32_t default_errno;
	uint32_t rules;
};

/**
 * struct mvx_policy_error - why a policy was refused
 * @msg: one line, without "libmvx: " in front and without a newline,
 *	for example "/tmp/p.policy:3: unknown system call 'getpidd'" or
 *	"MVX_EXEMPT: unknown system call 'foo'"
 * @line: the line of the file it is about (from 1), or 0
 */
struct mvx_policy_error {
	char msg[MVX_POLICY_MSG_MAX];
	unsigned int line;
};

#pragma GCC visibility push(hidden)

/* Sets @p to the default policy: allow everything, exempt nothing. */
void mvx_policy_init(struct mvx_policy *p);

/*
 * Parses @len bytes of policy text (need not be NUL-terminated; NUL
 * bytes in it are errors) into @p, which it initialises first. @file
 * names the file in messages. Returns 0, or -1 with @err filled in and
 * @p in no defined state.
 */
int mvx_policy_parse(struct mvx_policy *p, const char *text, size_t len,
		     const char *file, struct mvx_policy_error *err);

/*
 * Adds the comma-separated system call names or numbers of the
 * NUL-terminated @list (MVX_EXEMPT) to the exempt calls of the parsed or
 * initialised @p. Blanks around a name and empty items are ignored.
 * Returns 0, or -1 with @err filled in and @p unchanged.
 */
int mvx_policy_add_exempt_list(struct mvx_policy *p, const char *list,
			       struct mvx_policy_error *err);

#pragma GCC visibility pop

static inline int mvx_policy_exempt(const struct mvx_policy *p,
				    unsigned long nr)
{
	return nr < MVX_SYSCALL_MAX && (p->exempt[nr / 64] >> (nr % 64)) & 1;
}

static inline int mvx_policy_ruled(const struct mvx_policy *p,
				   unsigned long nr)
{
	return nr < MVX_SYSCALL_MAX && (p->ruled[nr / 64] >> (nr % 64)) & 1;
}

#endif /* MVX_POLICY_H */
