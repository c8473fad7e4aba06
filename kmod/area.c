// SPDX-License-Identifier: GPL-2.0
/*
 * A monitor's memory. At registration kmvx copies each range of the
 * monitor into pages of its own and maps them over the range as a
 * special mapping "[mvx]" (as the vDSO is mapped). The pages are in the
 * process's page tables only during an excursion: a page the monitor
 * touches is mapped by the fault handler, which refuses (SIGSEGV) any
 * task that is not in an excursion of this monitor, and the return zaps
 * them all again. Pages the monitor touched last time are mapped when
 * the next excursion starts, so that the monitor rarely faults.
 *
 * The mapping is not copied by fork (VM_DONTCOPY): a child gets its own
 * copy of the pages (see monitor.c). VM_IO keeps get_user_pages() away,
 * so neither /proc/PID/mem, process_vm_readv/writev nor ptrace reach the
 * pages; kmvx reads the record area from its own pages.
 */

#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "area.h"
#include "monitor.h"

static vm_fault_t mvx_area_fault(const struct vm_special_mapping *sm,
				 struct vm_area_struct *vma,
				 struct vm_fault *vmf)
{
	struct mvx_area *a = container_of(sm, struct mvx_area, spec);
	struct mvx_task *t = current->mvx_data;
	unsigned long idx;
	int ret;

	if (!t || !t->in_excursion || !t->mon || t->mon->mm != vma->vm_mm ||
	    vmf->address < a->start || vmf->address >= a->end)
		return VM_FAULT_SIGSEGV;

	idx = (vmf->address - a->start) >> PAGE_SHIFT;
	set_bit(idx, a->hot);
	ret = vm_insert_page(vma, vmf->address & PAGE_MASK, a->pages[idx]);
	if (ret && ret != -EBUSY)
		return vmf_error(ret);
	return VM_FAULT_NOPAGE;
}

static int mvx_area_mremap(const struct vm_special_mapping *sm,
			   struct vm_area_struct *new_vma)
{
	return -EPERM;
}

int mvx_area_init(struct mvx_area *a, const struct mvx_range *r)
{
	unsigned long i;

	a->start = r->start;
	a->end = r->end;
	a->prot = r->prot;
	a->npages = (r->end - r->start) >> PAGE_SHIFT;
	a->pages = kcalloc(a->npages, sizeof(*a->pages), GFP_KERNEL);
	a->hot = bitmap_zalloc(a->npages, GFP_KERNEL);
	if (!a->pages || !a->hot)
		goto fail;
	for (i = 0; i < a->npages; i++) {
		a->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!a->pages[i])
			goto fail;
	}
	a->spec.name = "[mvx]";
	a->spec.fault = mvx_area_fault;
	a->spec.mremap = mvx_area_mremap;
	return 0;

fail:
	mvx_area_free(a);
	return -ENOMEM;
}

void mvx_area_free(struct mvx_area *a)
{
	unsigned long i;

	for (i = 0; a->pages && i < a->npages; i++)
		if (a->pages[i])
			put_page(a->pages[i]);
	kfree(a->pages);
	bitmap_free(a->hot);
	a->pages = NULL;
	a->hot = NULL;
}

/* Copies the range's current contents from the process. */
int mvx_area_fill(struct mvx_area *a)
{
	unsigned long i;

	for (i = 0; i < a->npages; i++)
		if (copy_from_user(page_address(a->pages[i]),
				   (void __user *)(a->start + i * PAGE_SIZE),
				   PAGE_SIZE))
			return -EFAULT;
	return 0;
}

void mvx_area_copy(struct mvx_area *dst, const struct mvx_area *src)
{
	unsigned long i;

	for (i = 0; i < dst->npages; i++)
		copy_page(page_address(dst->pages[i]),
			  page_address(src->pages[i]));
	bitmap_copy(dst->hot, src->hot, dst->npages);
}

/* Maps the range as "[mvx]". Called with mmap_write_lock(mm) held. */
int mvx_area_install(struct mvx_area *a, struct mm_struct *mm)
{
	unsigned long flags = VM_SHARED | VM_MAYSHARE | VM_MIXEDMAP | VM_IO |
			      VM_DONTCOPY | VM_DONTDUMP;
	struct vm_area_struct *vma;

	if (a->prot & PROT_READ)
		flags |= VM_READ;
	if (a->prot & PROT_WRITE)
		flags |= VM_WRITE;
	if (a->prot & PROT_EXEC)
		flags |= VM_EXEC;
	vma = _install_special_mapping(mm, a->start, a->end - a->start, flags,
				       &a->spec);
	return PTR_ERR_OR_ZERO(vma);
}

static struct vm_area_struct *mvx_area_vma(struct mvx_area *a,
					   struct mm_struct *mm)
{
	struct vm_area_struct *vma = find_vma(mm, a->start);

	if (!vma || vma->vm_start != a->start || vma->vm_end != a->end ||
	    vma->vm_private_data != &a->spec)
		return NULL;
	return vma;
}

/* Maps the pages the monitor used last time. mmap_read_lock(mm) held. */
void mvx_area_open(struct mvx_area *a, struct mm_struct *mm)
{
	struct vm_area_struct *vma = mvx_area_vma(a, mm);
	unsigned long i;

	if (!vma)
		return;
	for_each_set_bit(i, a->hot, a->npages)
		vm_insert_page(vma, a->start + i * PAGE_SIZE, a->pages[i]);
}

/* Unmaps every page of the range. mmap_read_lock(mm) held. */
void mvx_area_close(struct mvx_area *a, struct mm_struct *mm)
{
	struct vm_area_struct *vma = mvx_area_vma(a, mm);

	if (vma)
		zap_page_range(vma, a->start, a->end - a->start);
}

/* Copies @len bytes at the process's address @addr, inside the area. */
int mvx_area_read(const struct mvx_area *a, u64 addr, void *buf, size_t len)
{
	size_t off, n;

	if (addr < a->start || addr > a->end || len > a->end - addr)
		return -EINVAL;
	while (len) {
		off = (addr - a->start) & ~PAGE_MASK;
		n = min_t(size_t, len, PAGE_SIZE - off);
		memcpy(buf, page_address(a->pages[(addr - a->start) >>
						  PAGE_SHIFT]) + off, n);
		addr += n;
		buf += n;
		len -= n;
	}
	return 0;
}
