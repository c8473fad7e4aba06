// SPDX-License-Identifier: GPL-2.0
/*
 * The module's own accounting, in debugfs kmvx/stats:
 *	sessions N	sessions not yet freed
 *	files N		file references the module holds
 * Both are 0 whenever no session lives. And in kmvx/signals:
 *	held N		excursions at whose end a held signal waited
 */

#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "stats.h"

atomic_t kmvx_stat_sessions = ATOMIC_INIT(0);
atomic_t kmvx_stat_files = ATOMIC_INIT(0);
atomic64_t kmvx_stat_held_signals = ATOMIC64_INIT(0);

static struct dentry *kmvx_debugfs;

static int kmvx_stats_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "sessions %d\n", atomic_read(&kmvx_stat_sessions));
	seq_printf(m, "files %d\n", atomic_read(&kmvx_stat_files));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(kmvx_stats);

static int kmvx_signals_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "held %lld\n", atomic64_read(&kmvx_stat_held_signals));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(kmvx_signals);

void kmvx_stats_init(void)
{
	/* Accounting is a debugging aid: the module works without it. */
	kmvx_debugfs = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("stats", 0400, kmvx_debugfs, NULL,
			    &kmvx_stats_fops);
	debugfs_create_file("signals", 0400, kmvx_debugfs, NULL,
			    &kmvx_signals_fops);
}

void kmvx_stats_exit(void)
{
	debugfs_remove_recursive(kmvx_debugfs);
}
