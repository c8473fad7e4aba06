/* SPDX-License-Identifier: GPL-2.0 */
/*
 * state.h - everything libmvx writes, in one page-aligned object
 *
 * All of the monitor's mutable state lives in mvx_state, alone in its
 * pages, so that one registered range covers it and nothing else:
 * libmvx has no other variables. Once registered, the range is kmvx's
 * "[mvx]" mapping, whose pages are mapped only during excursions.
 */
#ifndef MVX_STATE_H
#define MVX_STATE_H

#include <mvx.h>
#include <mvx_ring.h>

#include "policy.h"

#define MVX_PAGE_SIZE		4096
#define MVX_STACK_SHARED	1024
#define MVX_STACK_SIZE		(16 * 1024 + MVX_STACK_SHARED)
#define MVX_POLICY_FILE_MAX	(64 * 1024)

/**
 * struct mvx_state - the monitor's memory
 * @scratch: buffer for the exec check
 * @blob: the policy as the kernel keeps it for the next program the
 *	process executes: the policy file's path, a NUL, MVX_EXEMPT's
 *	value, a NUL, and the file's text (empty parts if not given)
 * @blob_len: bytes of @blob used
 * @desc: what mvx(MVX_CALL_REGISTER) is given
 * @policy: the parsed policy; the handler applies the copy in @ring
 * @allow_unmonitored_exec: MVX_ALLOW_UNMONITORED_EXEC=1
 * @quiet: a follower of a group: its leader's monitor says what there is
 *	to say (report.c)
 * @stack: the excursion stack; the kernel writes a struct mvx_call at
 *	its top
 * @ring: the record area (counters, the policy applied, recent calls)
 *
 * An excursion maps the pages it used last time and takes a fault for
 * any other, and each page mapped costs its return a TLB flush: what a
 * call touches sits together at the end. The stack ends MVX_STACK_SHARED
 * bytes into a page, where the ring starts, so that one page holds the
 * stack's top (deep enough for the handler), the ring's head, the policy
 * and the counters of the lower system call numbers. That page is all
 * the state a common call uses: kmvx writes the ring's records (the call
 * log) through its own mapping of the pages, not the process's.
 */
struct mvx_state {
	char scratch[MVX_POLICY_FILE_MAX];
	char blob[MVX_POLICY_MAX];
	unsigned long blob_len;
	struct mvx_monitor_desc desc;
	struct mvx_policy policy;
	int allow_unmonitored_exec;
	int quiet;
	unsigned char stack[MVX_STACK_SIZE]
		__attribute__((aligned(MVX_PAGE_SIZE)));
	struct mvx_ring_head ring;
};

#define MVX_STATE_PAGES \
	((sizeof(struct mvx_state) + MVX_PAGE_SIZE - 1) / MVX_PAGE_SIZE)

union mvx_state_pages {
	struct mvx_state s;
	unsigned char pages[MVX_STATE_PAGES * MVX_PAGE_SIZE];
};

#pragma GCC visibility push(hidden)
extern union mvx_state_pages mvx_state;
#pragma GCC visibility pop

#define S (mvx_state.s)

#endif /* MVX_STATE_H */
