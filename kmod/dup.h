/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_DUP_H
#define MVX_DUP_H

struct pid;

int mvx_dup_init(void);
void mvx_dup_exit(void);

void mvx_dup_hook_process(struct pid *tgid);
void mvx_dup_unhook_if_idle(struct pid *tgid);

#endif /* MVX_DUP_H */
