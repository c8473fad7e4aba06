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
#define MVX_STACK_SIZE		(16 * 1024)
#define MVX_POLICY_FILE_MAX	(64 * 1024)

/**
 * struct mvx_state - the monitor's memory
 * @stack: the excursion stack; the kernel writes a struct mvx_call at
 *	its top
 * @desc: what mvx(MVX_CALL_REGISTER) is given
 * @policy: the parsed policy
 * @allow_unmonitored_exec: MVX_ALLOW_UNMONITORED_EXEC=1
 * @pid: the process this copy of the monitor serves
 * @ring: the record area (counters, policy summary, recent calls)
 * @scratch: buffer for reading the policy file and for the exec check
 */
struct mvx_state {
	unsigned char stack[MVX_STACK_SIZE] __attribute__((aligned(16)));
	struct mvx_monitor_desc desc;
	struct mvx_policy policy;
	int allow_unmonitored_exec;
	int pid;
	struct mvx_ring_head ring;
	char scratch[MVX_POLICY_FILE_MAX];
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
