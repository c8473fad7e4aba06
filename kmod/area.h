/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_AREA_H
#define KMVX_AREA_H

#include <linux/mm_types.h>
#include <linux/types.h>

#include <mvx.h>

struct mm_struct;

/**
 * struct kmvx_area - one range of a monitor's memory, kept by kmvx
 * @start: first byte in the process
 * @end: one past the last byte
 * @prot: PROT_* bits during an excursion
 * @npages: pages in the range
 * @kaddr: the range's memory, owned here (vmalloc()): the process maps
 *	its pages only during excursions
 * @pages: the pages of @kaddr
 * @hot: pages the monitor used in its last excursion (and pages it
 *	touched since), mapped at once by the next one; changed only by
 *	the thread that holds the monitor's turn, or before the range is
 *	mapped
 * @spec: the special mapping that covers the range
 * @page_prot: the protection of its page table entries
 */
struct kmvx_area {
	u64 start;
	u64 end;
	u32 prot;
	unsigned long npages;
	void *kaddr;
	struct page **pages;
	unsigned long *hot;
	struct vm_special_mapping spec;
	pgprot_t page_prot;
};

bool kmvx_range_has(const struct mvx_range *ranges, u32 n, u64 start,
		    u64 len, u32 prot);
bool kmvx_range_overlaps(const struct mvx_range *ranges, u32 n, u64 start,
			 u64 len);

int kmvx_area_init(struct kmvx_area *a, const struct mvx_range *r);
void kmvx_area_free(struct kmvx_area *a);
int kmvx_area_fill(struct kmvx_area *a);
void kmvx_area_copy(struct kmvx_area *dst, const struct kmvx_area *src);
int kmvx_area_install(struct kmvx_area *a, struct mm_struct *mm,
		      unsigned long vm_flags);
bool kmvx_area_open(struct kmvx_area *a, struct mm_struct *mm);
bool kmvx_area_close(struct kmvx_area *a, struct mm_struct *mm);
void *kmvx_area_kaddr(const struct kmvx_area *a, u64 addr, size_t len);
struct kmvx_area *kmvx_area_find(struct kmvx_area *areas, u32 n, u64 addr);

#endif /* KMVX_AREA_H */
