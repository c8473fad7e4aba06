/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_HOOK_H
#define KMVX_HOOK_H

int kmvx_hook_init(void);
void kmvx_hook_exit(void);

#endif /* KMVX_HOOK_H */
