/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_PKEY_H
#define KMVX_PKEY_H

struct mm_struct;

int kmvx_pkey_alloc(struct mm_struct *mm);
void kmvx_pkey_free(struct mm_struct *mm, int pkey);
unsigned long kmvx_pkey_vm_flags(int pkey);
void kmvx_pkey_deny(int pkey);
void kmvx_pkey_allow(int pkey);

#endif /* KMVX_PKEY_H */
