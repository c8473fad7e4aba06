/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_LOG_H
#define MVX_LOG_H

#include <linux/types.h>

#include <mvx.h>

struct mvx_monitor;
struct mvx_monitor_desc;
struct mvx_task;
struct mvx_call;

/**
 * struct mvx_log - where a monitor's call log is (see the uapi header)
 * @head: the process's address of the __u64 count of records started
 * @records: the process's address of the first struct mvx_record
 * @nrec: records in the log, a power of two; 0: no log
 */
struct mvx_log {
	u64 head;
	u64 records;
	u32 nrec;
};

int mvx_log_check(const struct mvx_monitor_desc *d);
void mvx_log_init(struct mvx_log *log, const struct mvx_monitor_desc *d);
void mvx_log_start(struct mvx_task *t, const struct mvx_call *call);
void mvx_log_return(struct mvx_task *t, unsigned long action, long value);

#endif /* MVX_LOG_H */
