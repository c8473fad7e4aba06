/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_REMAP_H
#define MVX_REMAP_H

#include "session.h"

enum mvx_wait {
	MVX_WAIT_LIMITED,	/* MVX_SESSION_TIMEOUT_MS, killable */
	MVX_WAIT_IDLE,		/* until done, not counted as load */
};

int mvx_remap_run(struct mvx_session *s, enum mvx_work_op op,
		  enum mvx_wait how);
void mvx_remap_wait_idle(struct mvx_session *s);

#endif /* MVX_REMAP_H */
