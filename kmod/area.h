/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_AREA_H
#define MVX_AREA_H

#include <linux/mm_types.h>
#include <linux/types.h>

#include <mvx.h>

struct mm_struct;

/**
 * struct mvx_area - one range of a monitor's memory, kept by kmvx
 * @start: first byte in the process
 * @end: one past the last byte
 * @prot: PROT_* bits during an excursion
 * @npages: pages in the range
 * @kaddr: the range's memory, owned here (vmalloc()): the process maps
 *	its pages only during excursions
 * @pages: the pages of @kaddr
 * @hot: pages the monitor used in its last excursion (and pages it
 *	touched since), mapped at once by the next one
 * @spec: the special mapping that covers the range
 * @page_prot: the protection of its page table entries
 */
struct mvx_area {
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

int mvx_area_init(struct mvx_area *a, const struct mvx_range *r);
void mvx_area_free(struct mvx_area *a);
int mvx_area_fill(struct mvx_area *a);
void mvx_area_copy(struct mvx_area *dst, const struct mvx_area *src);
int mvx_area_install(struct mvx_area *a, struct mm_struct *mm);
void mvx_area_open(struct mvx_area *a, struct mm_struct *mm);
void mvx_area_close(struct mvx_area *a, struct mm_struct *mm);
void *mvx_area_kaddr(const struct mvx_area *a, u64 addr, size_t len);

#endif /* MVX_AREA_H */
