/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_HOOK_H
#define MVX_HOOK_H

int kmvx_hook_init(void);
void kmvx_hook_exit(void);

#endif /* MVX_HOOK_H */
