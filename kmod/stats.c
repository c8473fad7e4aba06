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

atomic_t mvx_stat_sessions = ATOMIC_INIT(0);
atomic_t mvx_stat_files = ATOMIC_INIT(0);
atomic64_t mvx_stat_held_signals = ATOMIC64_INIT(0);

static struct dentry *mvx_debugfs;

static int mvx_stats_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "sessions %d\n", atomic_read(&mvx_stat_sessions));
	seq_printf(m, "files %d\n", atomic_read(&mvx_stat_files));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mvx_stats);

static int mvx_signals_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "held %lld\n", atomic64_read(&mvx_stat_held_signals));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mvx_signals);

void mvx_stats_init(void)
{
	/* Accounting is a debugging aid: the module works without it. */
	mvx_debugfs = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("stats", 0400, mvx_debugfs, NULL, &mvx_stats_fops);
	debugfs_create_file("signals", 0400, mvx_debugfs, NULL,
			    &mvx_signals_fops);
}

void mvx_stats_exit(void)
{
	debugfs_remove_recursive(mvx_debugfs);
}
