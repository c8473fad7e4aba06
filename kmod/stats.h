/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_STATS_H
#define MVX_STATS_H

#include <linux/atomic.h>
#include <linux/file.h>
#include <linux/fs.h>

/* What the module holds, for tests and leak hunting (debugfs kmvx/stats). */
extern atomic_t mvx_stat_sessions;
extern atomic_t mvx_stat_files;
/* Excursions that signals waited for (debugfs kmvx/signals). */
extern atomic64_t mvx_stat_held_signals;

static inline void mvx_get_file(struct file *file)
{
	get_file(file);
	atomic_inc(&mvx_stat_files);
}

/* For a reference that came from elsewhere, such as fget(). */
static inline void mvx_count_file(void)
{
	atomic_inc(&mvx_stat_files);
}

static inline void mvx_fput(struct file *file)
{
	atomic_dec(&mvx_stat_files);
	fput(file);
}

void mvx_stats_init(void);
void mvx_stats_exit(void);

#endif /* MVX_STATS_H */
