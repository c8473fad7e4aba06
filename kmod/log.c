// SPDX-License-Identifier: GPL-2.0
/*
 * The call log: one struct mvx_record per excursion, written by kmvx
 * into the monitor's own memory (libmvx's ring, which umvx reads).
 *
 * kmvx writes through its own mapping of the monitor's pages, so the log
 * costs the excursion no page of the process's page tables, no fault and
 * nothing to flush at its return. Everything here runs while the thread
 * holds its monitor's turn, so there is one writer at a time; readers (the
 * MVX_IOC_MONITOR_READ ioctl, on any CPU) go by each record's @seq,
 * which is 0 while the record changes and its number + 1 once it is
 * complete.
 */

#include <linux/compiler.h>
#include <linux/log2.h>
#include <linux/mman.h>

#include <mvx.h>

#include "area.h"
#include "log.h"
#include "monitor.h"

/*
 * [addr, addr + len) is 8-byte aligned, lies in the record area (which
 * kmvx_monitor_check() has found inside a range) and is writable.
 */
static bool kmvx_log_in_area(const struct mvx_monitor_desc *d, u64 addr,
			     u64 len)
{
	const struct mvx_range area = {
		.start = d->records,
		.end = d->records + d->records_size,
	};

	return IS_ALIGNED(addr, 8) && kmvx_range_has(&area, 1, addr, len, 0) &&
	       kmvx_range_has(d->ranges, d->nr_ranges, addr, len,
			      PROT_READ | PROT_WRITE);
}

/* Return: 0, or -EINVAL for a log the uapi header does not allow. */
int kmvx_log_check(const struct mvx_monitor_desc *d)
{
	if (d->__pad2)
		return -EINVAL;
	if (!d->log_nrec)
		return d->log_head || d->log ? -EINVAL : 0;
	if (!is_power_of_2(d->log_nrec) || d->log_nrec > MVX_LOG_RECORDS_MAX ||
	    !kmvx_log_in_area(d, d->log_head, sizeof(u64)) ||
	    !kmvx_log_in_area(d, d->log,
			      (u64)d->log_nrec * sizeof(struct mvx_record)))
		return -EINVAL;
	return 0;
}

void kmvx_log_init(struct kmvx_log *log, const struct mvx_monitor_desc *d)
{
	log->head = d->log_head;
	log->records = d->log;
	log->nrec = d->log_nrec;
}

/* kmvx's address of @len bytes at @addr of the monitor, or NULL. */
static void *kmvx_log_kaddr(struct kmvx_monitor *m, u64 addr, size_t len)
{
	struct kmvx_area *a = kmvx_monitor_area(m, addr);

	return a ? kmvx_area_kaddr(a, addr, len) : NULL;
}

static struct mvx_record *kmvx_log_slot(struct kmvx_monitor *m, u64 seq)
{
	u64 slot = (seq - 1) & (m->log.nrec - 1);
	u64 addr = m->log.records + slot * sizeof(struct mvx_record);

	return kmvx_log_kaddr(m, addr, sizeof(struct mvx_record));
}

static void kmvx_log_unpublish(struct mvx_record *r)
{
	WRITE_ONCE(r->seq, 0);
	/* A reader that sees the new fields sees @seq 0 first. */
	smp_wmb();
}

static void kmvx_log_publish(struct mvx_record *r, u64 seq)
{
	/* A reader that sees @seq sees every field written before. */
	smp_store_release(&r->seq, seq);
}

/*
 * The thread's last executed call: its record, if no later one took the
 * slot, gets the result the struct mvx_call reports.
 */
static void kmvx_log_complete(struct kmvx_task *t, const struct mvx_call *call)
{
	struct mvx_record *r = kmvx_log_slot(t->mon, t->log_seq);

	if (r && READ_ONCE(r->seq) == t->log_seq) {
		kmvx_log_unpublish(r);
		r->result = call->prev_result;
		r->dur_ns = call->prev_ns;
		r->flags |= MVX_REC_DONE;
		kmvx_log_publish(r, t->log_seq);
	}
}

/**
 * kmvx_log_start - log the excursion that starts for @call
 * @t: the thread, which holds its monitor's turn
 * @call: what the monitor is given, prev_* included
 *
 * The record stays unpublished until kmvx_log_return().
 */
void kmvx_log_start(struct kmvx_task *t, const struct mvx_call *call)
{
	struct kmvx_monitor *m = t->mon;
	struct mvx_record *r;
	u64 *head, seq;
	int i;

	if (!m->log.nrec)
		return;
	if (t->log_seq && (call->flags & MVX_CALL_PREV))
		kmvx_log_complete(t, call);
	t->log_seq = 0;

	head = kmvx_log_kaddr(m, m->log.head, sizeof(*head));
	if (!head)
		return;
	seq = READ_ONCE(*head) + 1;
	WRITE_ONCE(*head, seq);
	r = kmvx_log_slot(m, seq);
	if (!r)
		return;
	kmvx_log_unpublish(r);
	r->tid = call->tid;
	r->nr = call->nr;
	for (i = 0; i < 6; i++)
		r->args[i] = call->args[i];
	r->result = 0;
	r->time_ns = call->time_ns;
	r->dur_ns = 0;
	r->flags = 0;
	r->__pad = 0;
	t->log_seq = seq;
}

/**
 * kmvx_log_return - log how the monitor ended the thread's excursion
 * @t: the thread, which still holds its monitor's turn
 * @action: the MVX_CALL_RETURN action, valid
 * @value: the result of MVX_ACT_RESULT
 *
 * An executed call's record keeps its number in the thread's state until
 * its result arrives with the next excursion.
 */
void kmvx_log_return(struct kmvx_task *t, unsigned long action, long value)
{
	struct mvx_record *r;

	if (!t->log_seq)
		return;
	r = kmvx_log_slot(t->mon, t->log_seq);
	if (!r)
		return;
	switch (action) {
	case MVX_ACT_RESULT:
		r->result = value;
		r->flags = MVX_REC_DONE | MVX_REC_DENIED;
		break;
	case MVX_ACT_KILL:
		r->flags = MVX_REC_KILLED;
		break;
	default:
		r->flags = MVX_REC_EXECUTED;
		break;
	}
	kmvx_log_publish(r, t->log_seq);
	if (action != MVX_ACT_EXECUTE)
		t->log_seq = 0;
}
