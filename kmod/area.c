// SPDX-License-Identifier: GPL-2.0
/*
 * A monitor's memory. At registration kmvx copies each range of the
 * monitor into pages of its own and maps them over the range as a
 * special mapping "[mvx]" (as the vDSO is). The mapping is VM_PFNMAP:
 * the pages stay kmvx's, with no reverse map and no reference per page
 * table entry, so that entries are cheap to write and to clear.
 *
 * The entries are present only during an excursion. Its start writes
 * those of the pages the monitor used in its last excursion, "old"
 * (accessed bit clear); the fault handler adds any other page the
 * monitor touches, and refuses (SIGSEGV) every other access: by a task
 * that is not in an excursion of this monitor, by the program's code,
 * and by the kernel other than in a system call the monitor made. While
 * the entries are present no other thread of the process runs in user
 * space (park.c). The return clears every present entry,
 * notes the pages whose accessed bit was set, the ones to write next
 * time, and flushes the cleared pages from the TLBs with
 * flush_tlb_mm_range() (patch 5): zap_vma_ptes() would do the same
 * through the whole unmap machinery, at several times the cost per
 * call. Only when the process has MMU notifiers (a secondary MMU, such
 * as KVM's, may map the pages too) does the return take zap_vma_ptes(),
 * which tells them.
 *
 * The VMA cannot move, shrink or split while the monitor is registered:
 * special mappings refuse mremap and splitting, and the guard (guard.c)
 * refuses every call that would unmap, replace or re-protect it. Still,
 * every open and close first checks that the range is mapped by this
 * VMA, whole, and touches no entry otherwise (the process is killed):
 * a way past the guard must not make kmvx clear entries of pages that
 * are not its own. Before the VMA exists nothing is written: a page
 * becomes "used" only through this mapping's fault handler, or in a
 * forked child's copy, whose mappings are installed before the child
 * first returns to user space. A thread that starts an excursion while
 * its process is still registering thus finds no page to map.
 *
 * The mapping is not copied by fork (VM_DONTCOPY): a child gets its own
 * copy of the pages (see monitor.c). VM_IO and VM_PFNMAP keep
 * get_user_pages() away, so neither /proc/PID/mem, process_vm_readv/
 * writev nor ptrace reach the pages; kmvx reads the record area from its
 * own pages.
 */

#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmu_notifier.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/tlbflush.h>

#include "area.h"
#include "monitor.h"

/* [start, start + len) lies in one of the @n @ranges, which has @prot. */
bool kmvx_range_has(const struct mvx_range *ranges, u32 n, u64 start,
		    u64 len, u32 prot)
{
	u32 i;

	for (i = 0; i < n; i++) {
		const struct mvx_range *r = &ranges[i];

		if (start >= r->start && start < r->end &&
		    len <= r->end - start && (r->prot & prot) == prot)
			return true;
	}
	return false;
}

/* Whether [start, start + len) meets any of the @n @ranges. */
bool kmvx_range_overlaps(const struct mvx_range *ranges, u32 n, u64 start,
			 u64 len)
{
	u64 end = start + len;
	u32 i;

	if (!len)
		return false;
	if (end < start)	/* wraps: reaches every range above start */
		end = U64_MAX;
	for (i = 0; i < n; i++)
		if (start < ranges[i].end && ranges[i].start < end)
			return true;
	return false;
}

static unsigned long kmvx_area_idx(const struct kmvx_area *a,
				   unsigned long addr)
{
	return (addr - a->start) >> PAGE_SHIFT;
}

/*
 * Whether the access that faulted is the monitor's own: made by the
 * thread in the excursion, either in user mode from the monitor's code,
 * or by the kernel in a system call the monitor made. The kernel's other
 * accesses on the thread's behalf (task work on its way back to user
 * space, for one) are the program's.
 */
static bool kmvx_area_monitor_access(struct kmvx_task *t,
				     struct vm_area_struct *vma,
				     struct vm_fault *vmf)
{
	struct kmvx_monitor *m = t ? t->mon : NULL;

	if (!m || !t->in_excursion || m->mm != vma->vm_mm)
		return false;
	if (vmf->flags & FAULT_FLAG_USER)
		return kmvx_range_has(m->ranges, m->nr_ranges,
				      current_pt_regs()->ip, 1, PROT_EXEC);
	return t->in_monitor_call;
}

static vm_fault_t kmvx_area_fault(const struct vm_special_mapping *sm,
				  struct vm_area_struct *vma,
				  struct vm_fault *vmf)
{
	struct kmvx_area *a = container_of(sm, struct kmvx_area, spec);
	unsigned long idx;

	if (!kmvx_area_monitor_access(current->mvx_data, vma, vmf) ||
	    vmf->address < a->start || vmf->address >= a->end)
		return VM_FAULT_SIGSEGV;

	idx = kmvx_area_idx(a, vmf->address);
	set_bit(idx, a->hot);
	return vmf_insert_pfn(vma, vmf->address & PAGE_MASK,
			      page_to_pfn(a->pages[idx]));
}

static int kmvx_area_mremap(const struct vm_special_mapping *sm,
			    struct vm_area_struct *new_vma)
{
	return -EPERM;
}

int kmvx_area_init(struct kmvx_area *a, const struct mvx_range *r)
{
	unsigned long i;

	a->start = r->start;
	a->end = r->end;
	a->prot = r->prot;
	a->npages = (r->end - r->start) >> PAGE_SHIFT;
	/* Charged to the process's memory cgroup: it asked for them. */
	a->kaddr = __vmalloc(a->end - a->start,
			     GFP_KERNEL_ACCOUNT | __GFP_ZERO);
	a->pages = kvcalloc(a->npages, sizeof(*a->pages), GFP_KERNEL_ACCOUNT);
	a->hot = bitmap_zalloc(a->npages, GFP_KERNEL_ACCOUNT);
	if (!a->kaddr || !a->pages || !a->hot) {
		kmvx_area_free(a);
		return -ENOMEM;
	}
	for (i = 0; i < a->npages; i++)
		a->pages[i] = vmalloc_to_page(a->kaddr + i * PAGE_SIZE);
	a->spec.name = "[mvx]";
	a->spec.fault = kmvx_area_fault;
	a->spec.mremap = kmvx_area_mremap;
	return 0;
}

/* May run in an RCU callback: vfree() defers the unmapping there. */
void kmvx_area_free(struct kmvx_area *a)
{
	vfree(a->kaddr);
	kvfree(a->pages);
	bitmap_free(a->hot);
	a->kaddr = NULL;
	a->pages = NULL;
	a->hot = NULL;
}

/* Copies the range's current contents from the process. */
int kmvx_area_fill(struct kmvx_area *a)
{
	if (copy_from_user(a->kaddr, (void __user *)a->start,
			   a->end - a->start))
		return -EFAULT;
	return 0;
}

void kmvx_area_copy(struct kmvx_area *dst, const struct kmvx_area *src)
{
	memcpy(dst->kaddr, src->kaddr, dst->end - dst->start);
	bitmap_copy(dst->hot, src->hot, dst->npages);
}

/* Maps the range as "[mvx]", with @vm_flags besides (a protection key). */
int kmvx_area_install(struct kmvx_area *a, struct mm_struct *mm,
		      unsigned long vm_flags)
{
	unsigned long flags = VM_SHARED | VM_MAYSHARE | VM_PFNMAP | VM_IO |
			      VM_DONTCOPY | VM_DONTDUMP | vm_flags;
	struct vm_area_struct *vma;

	mmap_assert_write_locked(mm);
	if (a->prot & PROT_READ)
		flags |= VM_READ;
	if (a->prot & PROT_WRITE)
		flags |= VM_WRITE;
	if (a->prot & PROT_EXEC)
		flags |= VM_EXEC;
	vma = _install_special_mapping(mm, a->start, a->end - a->start, flags,
				       &a->spec);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	a->page_prot = vma->vm_page_prot;
	return 0;
}

/* The PMD that maps @addr, or NULL if it has no page table yet. */
static pmd_t *kmvx_area_pmd(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;

	if (pgd_none(*pgd) || pgd_bad(*pgd))
		return NULL;
	p4d = p4d_offset(pgd, addr);
	if (p4d_none(*p4d) || p4d_bad(*p4d))
		return NULL;
	pud = pud_offset(p4d, addr);
	if (pud_none(*pud) || pud_bad(*pud))
		return NULL;
	pmd = pmd_offset(pud, addr);
	if (pmd_none(*pmd) || pmd_bad(*pmd))
		return NULL;
	return pmd;
}

typedef void (*kmvx_area_fn)(struct kmvx_area *a, struct mm_struct *mm,
			     unsigned long addr, pte_t *pte, void *data);

/*
 * Calls @fn for each entry from the first to the last page used last
 * time or touched since, with the page table locked. A range whose page
 * table does not exist yet has no entry: the fault handler allocates it.
 */
static void kmvx_area_walk(struct kmvx_area *a, struct mm_struct *mm,
			   kmvx_area_fn fn, void *data)
{
	unsigned long first, last, addr, end, next;
	spinlock_t *ptl;
	pmd_t *pmd;
	pte_t *pte;

	first = find_first_bit(a->hot, a->npages);
	if (first >= a->npages)
		return;
	last = find_last_bit(a->hot, a->npages);
	end = a->start + (last + 1) * PAGE_SIZE;
	for (addr = a->start + first * PAGE_SIZE; addr < end; addr = next) {
		next = pmd_addr_end(addr, end);
		pmd = kmvx_area_pmd(mm, addr);
		if (!pmd)
			continue;
		pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
		for (; addr < next; addr += PAGE_SIZE, pte++)
			fn(a, mm, addr, pte, data);
		pte_unmap_unlock(pte - 1, ptl);
	}
}

/* Writes the entry of a page used last time, accessed bit clear. */
static void kmvx_area_set(struct kmvx_area *a, struct mm_struct *mm,
			  unsigned long addr, pte_t *pte, void *data)
{
	unsigned long idx = kmvx_area_idx(a, addr);
	pte_t entry;

	if (!test_bit(idx, a->hot) || !pte_none(*pte))
		return;
	entry = pfn_pte(page_to_pfn(a->pages[idx]), a->page_prot);
	set_pte_at(mm, addr, pte, pte_mkold(pte_mkspecial(entry)));
}

/*
 * Pages to flush, or to zap: [lo, hi). When kmvx flushes, a gap of more
 * pages than this between two present ones ends a span, and the span is
 * flushed on its own: flushing a page costs less than a flush call, but
 * not than a few of them.
 */
#define KMVX_FLUSH_GAP_PAGES	2

struct kmvx_span {
	unsigned long lo;
	unsigned long hi;
};

static void kmvx_span_flush(struct mm_struct *mm, struct kmvx_span *span)
{
	if (span->hi)
		flush_tlb_mm_range(mm, span->lo, span->hi, PAGE_SHIFT, false);
	span->hi = 0;
}

/* Clears a present entry, and keeps its page as used if it was. */
static void kmvx_area_clear(struct kmvx_area *a, struct mm_struct *mm,
			    unsigned long addr, pte_t *pte, void *data)
{
	struct kmvx_span *span = data;
	pte_t old;

	if (pte_none(*pte))
		return;
	old = ptep_get_and_clear(mm, addr, pte);
	if (!pte_young(old))
		clear_bit(kmvx_area_idx(a, addr), a->hot);
	if (span->hi &&
	    addr - span->hi > KMVX_FLUSH_GAP_PAGES * PAGE_SIZE)
		kmvx_span_flush(mm, span);
	if (!span->hi)
		span->lo = addr;
	span->hi = addr + PAGE_SIZE;
}

/* Keeps a present page as used if it was, and widens the span to zap. */
static void kmvx_area_note(struct kmvx_area *a, struct mm_struct *mm,
			   unsigned long addr, pte_t *pte, void *data)
{
	struct kmvx_span *span = data;

	if (pte_none(*pte))
		return;
	if (!pte_young(*pte))
		clear_bit(kmvx_area_idx(a, addr), a->hot);
	span->lo = min(span->lo, addr);
	span->hi = addr + PAGE_SIZE;
}

/*
 * Whether @mm still maps @a where kmvx mapped it, whole. The guard
 * refuses what would unmap or replace it, but kmvx writes and clears
 * page table entries only where this holds, whatever got past.
 */
static bool kmvx_area_owned(const struct kmvx_area *a, struct mm_struct *mm)
{
	struct vm_area_struct *vma = vma_lookup(mm, a->start);

	return vma && vma->vm_private_data == &a->spec &&
	       vma->vm_start == a->start && vma->vm_end == a->end;
}

/* Maps the pages the monitor used last time. Return: false if lost. */
bool kmvx_area_open(struct kmvx_area *a, struct mm_struct *mm)
{
	mmap_assert_locked(mm);
	if (!kmvx_area_owned(a, mm))
		return false;
	kmvx_area_walk(a, mm, kmvx_area_set, NULL);
	return true;
}

/* The return for a process with MMU notifiers, which zapping tells. */
static void kmvx_area_zap(struct kmvx_area *a, struct mm_struct *mm)
{
	struct kmvx_span span = { .lo = ULONG_MAX };
	struct vm_area_struct *vma;

	kmvx_area_walk(a, mm, kmvx_area_note, &span);
	if (!span.hi)
		return;
	vma = vma_lookup(mm, a->start);
	zap_vma_ptes(vma, span.lo, span.hi - span.lo);
}

/* Unmaps every page of the range. Return: false if the mapping is lost. */
bool kmvx_area_close(struct kmvx_area *a, struct mm_struct *mm)
{
	struct kmvx_span span = {};

	mmap_assert_locked(mm);
	if (!kmvx_area_owned(a, mm))
		return false;
	if (mm_has_notifiers(mm)) {
		kmvx_area_zap(a, mm);
		return true;
	}
	kmvx_area_walk(a, mm, kmvx_area_clear, &span);
	kmvx_span_flush(mm, &span);
	return true;
}

/**
 * kmvx_area_kaddr - kmvx's address of the process's [@addr, @addr + @len)
 * @a: the area
 * @addr: address in the process
 * @len: bytes from there
 *
 * kmvx reads and writes the monitor's memory there, whether the process
 * maps it at the moment or not. Return: the address, or NULL if the
 * range is not all inside @a or @a has no pages yet.
 */
void *kmvx_area_kaddr(const struct kmvx_area *a, u64 addr, size_t len)
{
	if (!a->kaddr || addr < a->start || addr > a->end ||
	    len > a->end - addr)
		return NULL;
	return a->kaddr + (addr - a->start);
}

/* The one of the @n @areas that holds the process's address @addr, or NULL. */
struct kmvx_area *kmvx_area_find(struct kmvx_area *areas, u32 n, u64 addr)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (addr >= areas[i].start && addr < areas[i].end)
			return &areas[i];
	return NULL;
}
