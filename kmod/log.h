/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_LOG_H
#define KMVX_LOG_H

#include <linux/types.h>

#include <mvx.h>

struct kmvx_monitor;
struct mvx_monitor_desc;
struct kmvx_task;
struct mvx_call;

/**
 * struct kmvx_log - where a monitor's call log is (see the uapi header)
 * @head: the process's address of the __u64 count of records started
 * @records: the process's address of the first struct mvx_record
 * @nrec: records in the log, a power of two; 0: no log
 */
struct kmvx_log {
	u64 head;
	u64 records;
	u32 nrec;
};

int kmvx_log_check(const struct mvx_monitor_desc *d);
void kmvx_log_init(struct kmvx_log *log, const struct mvx_monitor_desc *d);
void kmvx_log_start(struct kmvx_task *t, const struct mvx_call *call);
void kmvx_log_return(struct kmvx_task *t, unsigned long action, long value);

#endif /* KMVX_LOG_H */
