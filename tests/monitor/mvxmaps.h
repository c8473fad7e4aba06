/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the escape tests (siblings, rseqesc, blocked): the monitor's
 * ranges as /proc/self/maps shows them, and a way to give up root.
 *
 * The ranges are the mappings named "[mvx]" (doc/MONITOR.md,
 * "Protection"); their page table entries exist only while a thread of
 * the process is in an excursion.
 */
#ifndef MVX_TESTS_MONITOR_MVXMAPS_H
#define MVX_TESTS_MONITOR_MVXMAPS_H

#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <mvx.h>

#define MVX_MAPS_MAX	16

struct mvx_map {
	uintptr_t start, end;
	char perms[8];		/* as in /proc/self/maps: "rw-p" */
};

/* The "[mvx]" mappings of the process, at most @max; returns how many. */
static inline int mvx_maps(struct mvx_map *m, int max)
{
	char line[512], perms[8], path[400];
	FILE *f = fopen("/proc/self/maps", "r");
	int n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long s, e;

		path[0] = '\0';
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %399s", &s, &e, perms, path) < 3)
			continue;
		if (strcmp(path, "[mvx]") || n >= max)
			continue;
		m[n].start = s;
		m[n].end = e;
		memcpy(m[n].perms, perms, sizeof(perms));
		n++;
	}
	fclose(f);
	return n;
}

/* The index of the range that holds @addr, or -1. */
static inline int mvx_maps_find(const struct mvx_map *m, int n, uintptr_t addr)
{
	int i;

	for (i = 0; i < n; i++)
		if (addr >= m[i].start && addr < m[i].end)
			return i;
	return -1;
}

/*
 * The monitor's record area, as kmvx reports it (MVX_IOC_MONITOR_INFO,
 * which needs root), or 0. It shares its page with the top of the
 * monitor's stack, which every excursion uses.
 */
static inline uintptr_t mvx_records(void)
{
	struct mvx_monitor_info info = { .size = sizeof(info), .pid = getpid() };
	int fd = open("/dev/mvx", O_RDWR | O_CLOEXEC);
	int ok;

	if (fd < 0)
		return 0;
	ok = ioctl(fd, MVX_IOC_MONITOR_INFO, &info) == 0 && info.state == MVX_MON_ACTIVE;
	close(fd);
	return ok ? info.records : 0;
}

/*
 * The attacks of these programs need no privilege, so they run without:
 * the test VM runs the suites as root, and a program run as root gives
 * it up here, at the start of main(), after libmvx registered (before
 * main). It becomes nobody (65534) with no supplementary group. The
 * programs write to their standard output, which stays open, and read
 * /proc/self/maps, which a process may always read of itself (setuid()
 * makes it not dumpable, so its /proc files then belong to root).
 * Returns 0, or -1 with errno if a step failed.
 */
static inline int drop_privileges(void)
{
	if (geteuid() != 0)
		return 0;
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
		return -1;
	return getuid() == 65534 && geteuid() == 65534 ? 0 : -1;
}

#endif /* MVX_TESTS_MONITOR_MVXMAPS_H */
