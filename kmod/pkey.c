// SPDX-License-Identifier: GPL-2.0
/*
 * A protection key on the monitor's memory, where the CPU has them (x86
 * PKU), so that the kernel's copies for the program cannot reach it.
 *
 * Parking (park.c) keeps every other thread out of user space while an
 * excursion has the monitor's pages in the page tables, but a thread
 * that is inside a system call copies to and from addresses the kernel
 * reads later from the program's memory (an iocb's buffer, an iovec read
 * again, execve()'s argv) whenever it gets to them, excursion or not.
 * The kernel's copies for a thread honour the thread's PKRU as its own
 * user-mode accesses do, and a key that PKRU denies is an access error
 * before any fault handler runs (get_user_pages() checks it too). So the
 * monitor's ranges carry a key of their own; the enter callback denies it
 * in the calling thread's PKRU at every system call of the program's,
 * before the call runs, and only the thread in an excursion has it
 * allowed, from the excursion's start to its return. What the program
 * does to its PKRU in user space gains it nothing: the pages are absent
 * there, or the thread is parked. The program may not free the key, nor
 * give it to memory of its own (guard.c).
 *
 * Without PKU (or with CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS off) the
 * key is 0, none, and such copies are the residual risk doc/MONITOR.md
 * states.
 */

#include <linux/mm.h>
#include <linux/pkeys.h>
#include <asm/pkru.h>

#include "pkey.h"

/**
 * kmvx_pkey_alloc - a key of @mm's for the monitor's ranges
 * @mm: the address space, write-locked
 *
 * Return: the key, 0 if the CPU has none to give, or -ENOSPC if the
 * program holds every key.
 */
int kmvx_pkey_alloc(struct mm_struct *mm)
{
	int pkey;

	mmap_assert_write_locked(mm);
	if (!arch_pkeys_enabled())
		return 0;
	pkey = mm_pkey_alloc(mm);
	return pkey > 0 ? pkey : -ENOSPC;
}

/* Gives back a key kmvx_pkey_alloc() gave, which no mapping carries. */
void kmvx_pkey_free(struct mm_struct *mm, int pkey)
{
	mmap_assert_write_locked(mm);
	if (pkey > 0)
		mm_pkey_free(mm, pkey);
}

/* The VMA flags that give a mapping @pkey. */
unsigned long kmvx_pkey_vm_flags(int pkey)
{
#ifdef CONFIG_ARCH_HAS_PKEYS
	return pkey > 0 ? (unsigned long)pkey << VM_PKEY_SHIFT : 0;
#else
	return 0;
#endif
}

static u32 kmvx_pkey_pkru_bits(int pkey)
{
	return (PKRU_AD_BIT | PKRU_WD_BIT) << (pkey * PKRU_BITS_PER_PKEY);
}

/*
 * The current thread's PKRU. A context switch between the read and the
 * write keeps the value read (it saves the register and loads it back).
 */
void kmvx_pkey_deny(int pkey)
{
	if (pkey > 0)
		write_pkru(read_pkru() | kmvx_pkey_pkru_bits(pkey));
}

void kmvx_pkey_allow(int pkey)
{
	if (pkey > 0)
		write_pkru(read_pkru() & ~kmvx_pkey_pkru_bits(pkey));
}
