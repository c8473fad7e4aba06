/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KMVX_STATS_H
#define KMVX_STATS_H

#include <linux/atomic.h>
#include <linux/file.h>
#include <linux/fs.h>

/* What the module holds, for tests and leak hunting (debugfs kmvx/stats). */
extern atomic_t kmvx_stat_sessions;
extern atomic_t kmvx_stat_files;
/* Excursions that signals waited for (debugfs kmvx/signals). */
extern atomic64_t kmvx_stat_held_signals;

static inline void kmvx_get_file(struct file *file)
{
	get_file(file);
	atomic_inc(&kmvx_stat_files);
}

/* For a reference that came from elsewhere, such as fget(). */
static inline void kmvx_count_file(void)
{
	atomic_inc(&kmvx_stat_files);
}

static inline void kmvx_fput(struct file *file)
{
	atomic_dec(&kmvx_stat_files);
	fput(file);
}

void kmvx_stats_init(void);
void kmvx_stats_exit(void);

#endif /* KMVX_STATS_H */
