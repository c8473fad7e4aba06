/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What /proc says about a process's descriptors and memory, for the
 * session tests that check a target is left exactly as it was.
 */
#ifndef MVX_TESTS_PROCFD_H
#define MVX_TESTS_PROCFD_H

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define SNAP_MAX_FDS	64

/* One descriptor: the link, and the flags: and pos: lines of fdinfo. */
struct fd_state {
	int fd;
	char link[256];
	unsigned long flags;	/* octal in fdinfo; includes O_CLOEXEC */
	long long pos;
};

struct fd_snap {
	int count;		/* descriptors open; may exceed SNAP_MAX_FDS */
	struct fd_state fds[SNAP_MAX_FDS];
};

static inline int fd_state_cmp(const void *a, const void *b)
{
	return ((const struct fd_state *)a)->fd - ((const struct fd_state *)b)->fd;
}

/* Reads one descriptor; -1 if it is not open. */
static inline int fd_state_read(pid_t pid, int fd, struct fd_state *st)
{
	char path[64], line[256];
	ssize_t len;
	FILE *f;

	memset(st, 0, sizeof(*st));
	st->fd = fd;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, fd);
	len = readlink(path, st->link, sizeof(st->link) - 1);
	if (len < 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "pos: %lld", &st->pos);
		sscanf(line, "flags: %lo", &st->flags);
	}
	fclose(f);
	return 0;
}

/* Takes a snapshot of every descriptor of @pid; -1 if it has no /proc. */
static inline int fd_snap_take(pid_t pid, struct fd_snap *snap)
{
	char path[64];
	struct dirent *d;
	DIR *dir;

	memset(snap, 0, sizeof(*snap));
	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		int fd;

		if (d->d_name[0] == '.')
			continue;
		fd = atoi(d->d_name);
		if (pid == getpid() && fd == dirfd(dir))
			continue;
		if (snap->count < SNAP_MAX_FDS &&
		    fd_state_read(pid, fd, &snap->fds[snap->count]))
			continue;	/* closed meanwhile */
		snap->count++;
	}
	closedir(dir);
	if (snap->count <= SNAP_MAX_FDS)
		qsort(snap->fds, snap->count, sizeof(snap->fds[0]), fd_state_cmp);
	return 0;
}

/*
 * Compares two snapshots; writes the first difference to @why and
 * returns 1, or returns 0 when they are the same.
 */
static inline int fd_snap_diff(const struct fd_snap *a, const struct fd_snap *b,
			       char *why, size_t len)
{
	if (a->count != b->count) {
		snprintf(why, len, "%d descriptors open, was %d", b->count,
			 a->count);
		return 1;
	}
	for (int i = 0; i < a->count && i < SNAP_MAX_FDS; i++) {
		const struct fd_state *x = &a->fds[i], *y = &b->fds[i];

		if (x->fd != y->fd)
			snprintf(why, len, "fd %d open, was fd %d", y->fd, x->fd);
		else if (strcmp(x->link, y->link))
			snprintf(why, len, "fd %d is %s, was %s", x->fd, y->link,
				 x->link);
		else if (x->flags != y->flags)
			snprintf(why, len, "fd %d has flags 0%lo, was 0%lo", x->fd,
				 y->flags, x->flags);
		else if (x->pos != y->pos)
			snprintf(why, len, "fd %d is at %lld, was %lld", x->fd,
				 y->pos, x->pos);
		else
			continue;
		return 1;
	}
	snprintf(why, len, "%d descriptors unchanged", a->count);
	return 0;
}

/* A "Name: N kB" line of /proc/PID/status or /proc/meminfo; -1 if none. */
static inline long long proc_kb(const char *path, const char *name)
{
	size_t n = strlen(name);
	long long kb = -1;
	char line[256];
	FILE *f = fopen(path, "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && line[n] == ':') {
			kb = atoll(line + n + 1);
			break;
		}
	fclose(f);
	return kb;
}

/*
 * The module's accounting, from debugfs: sessions and file references;
 * -1 each if it cannot be read.
 */
#define KMVX_STATS "/sys/kernel/debug/kmvx/stats"

static inline void kmvx_stats(long *sessions, long *files)
{
	char line[128];
	FILE *f = fopen(KMVX_STATS, "re");

	*sessions = *files = -1;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "sessions %ld", sessions);
		sscanf(line, "files %ld", files);
	}
	fclose(f);
}

/*
 * Whether the accounting is back to zero. The last reference can be
 * dropped just after the call that ended a session returns, so allow
 * a moment.
 */
static inline int kmvx_stats_zero(long *sessions, long *files)
{
	for (int i = 0; i < 50; i++) {
		kmvx_stats(sessions, files);
		if (*sessions == 0 && *files == 0)
			return 1;
		usleep(20000);
	}
	return 0;
}

#endif /* MVX_TESTS_PROCFD_H */
