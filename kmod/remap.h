/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_REMAP_H
#define KMVX_REMAP_H

#include "session.h"

enum kmvx_wait {
	KMVX_WAIT_LIMITED,	/* MVX_SESSION_TIMEOUT_MS, killable */
	KMVX_WAIT_IDLE,		/* until done, not counted as load */
};

int kmvx_remap_run(struct kmvx_session *s, enum kmvx_work_op op,
		   enum kmvx_wait how);
void kmvx_remap_wait_idle(struct kmvx_session *s);

#endif /* KMVX_REMAP_H */
