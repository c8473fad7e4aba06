// SPDX-License-Identifier: GPL-2.0
/*
 * register - mvx(MVX_CALL_REGISTER) refuses a descriptor whose call log
 * the uapi header does not allow, with EINVAL (E2BIG for unknown bytes
 * past the structure), one whose ranges hold more than
 * MVX_MONITOR_BYTES_MAX bytes together, with E2BIG, and leaves the
 * process unmonitored.
 *
 * Run unmonitored. Each case starts from a descriptor the kernel would
 * accept and breaks one thing about it; the valid one itself is never
 * registered. The size cases add ranges over mappings of their own
 * (PROT_NONE, MAP_NORESERVE, so that they cost nothing): one of 17 MiB,
 * two of 9 MiB, one that brings the total one page past the limit, and
 * one of 8 GiB, which must be refused before the kernel tries to
 * allocate a copy (the VM's console is checked for warnings). On a CPU
 * with protection keys, a process that holds every key it can get
 * (pkey_alloc(2)) is refused with ENOSPC: none is left for the ranges.
 * Each of
 * these is tried in a child: were one registered, the child would be
 * monitored by the descriptor's empty "monitor" and die at its next
 * system call, and the parent goes on. One "PASS: register: ..." or
 * "FAIL: register: ..." line per case.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mvx.h>

#include "../lib/check.h"

#define PAGES	4

static unsigned char *data;	/* PAGES pages, read-write */
static unsigned char *code;	/* one page, read-execute */

/* A descriptor the kernel would accept: a log of 16 records. */
static void base(struct mvx_monitor_desc *d)
{
	long pg = sysconf(_SC_PAGESIZE);

	memset(d, 0, sizeof(*d));
	d->size = sizeof(*d);
	d->entry = (uintptr_t)code;
	d->stack_top = (uintptr_t)data + pg;
	d->records = (uintptr_t)data + pg;
	d->records_size = (PAGES - 1) * pg;
	d->nr_ranges = 2;
	d->ranges[0].start = (uintptr_t)data;
	d->ranges[0].end = (uintptr_t)data + PAGES * pg;
	d->ranges[0].prot = PROT_READ | PROT_WRITE;
	d->ranges[1].start = (uintptr_t)code;
	d->ranges[1].end = (uintptr_t)code + pg;
	d->ranges[1].prot = PROT_READ | PROT_EXEC;
	d->log_head = d->records;
	d->log = d->records + 64;
	d->log_nrec = 16;
}

static void refused(const struct mvx_monitor_desc *d, int want,
		    const char *what)
{
	long ret;

	errno = 0;
	ret = syscall(MVX_NR_mvx, MVX_CALL_REGISTER, d, 0, 0);
	CHECK_ERRNO(ret, want, what);
}

/*
 * mmap()s @n regions of @size[i] bytes, PROT_NONE and MAP_NORESERVE, and
 * adds them to base()'s two ranges; the descriptor must be refused with
 * E2BIG. The call is made in a child (see the top).
 */
static void too_big(const unsigned long long *size, int n, const char *what)
{
	struct mvx_monitor_desc d;
	void *area[MVX_MONITOR_RANGES_MAX];
	int i, status;
	pid_t pid;

	base(&d);
	for (i = 0; i < n; i++) {
		area[i] = mmap(NULL, size[i], PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (area[i] == MAP_FAILED) {
			check(0, "%s: mmap of %llu bytes: %s", what, size[i], strerror(errno));
			while (i--)
				munmap(area[i], size[i]);
			return;
		}
		d.ranges[d.nr_ranges].start = (uintptr_t)area[i];
		d.ranges[d.nr_ranges].end = (uintptr_t)area[i] + size[i];
		d.ranges[d.nr_ranges].prot = PROT_READ;
		d.nr_ranges++;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		long ret;

		errno = 0;
		ret = syscall(MVX_NR_mvx, MVX_CALL_REGISTER, &d, 0, 0);
		/* 0: refused with E2BIG; 1: registered; 2 + errno otherwise. */
		_exit(ret != -1 ? 1 : errno == E2BIG ? 0 : 2 + (errno & 127));
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		check(0, "%s: fork: %s", what, strerror(errno));
	else if (WIFEXITED(status) && WEXITSTATUS(status) >= 2)
		check(0, "%s: E2BIG (got %s)", what,
		      strerrorname_np(WEXITSTATUS(status) - 2) ?: "?");
	else
		check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: E2BIG (%s)", what,
		      !WIFEXITED(status) ? "registered: the child died at its next call" :
		      WEXITSTATUS(status) == 1 ? "registered" : "it is");
	for (i = 0; i < n; i++)
		munmap(area[i], size[i]);
}

/* In a child that holds every protection key: ENOSPC, or no PKU. */
static void all_keys_taken(void)
{
	struct mvx_monitor_desc d;
	int status;
	pid_t pid;

	base(&d);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int keys = 0;
		long ret;

		while (syscall(SYS_pkey_alloc, 0, 0) >= 0)
			keys++;
		if (!keys)
			_exit(3);	/* the CPU has none to give */
		errno = 0;
		ret = syscall(MVX_NR_mvx, MVX_CALL_REGISTER, &d, 0, 0);
		_exit(ret != -1 ? 1 : errno == ENOSPC ? 0 : 4 + (errno & 127));
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		check(0, "register: every protection key taken: fork: %s", strerror(errno));
		return;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 3) {
		printf("register: the CPU has no protection keys: ENOSPC not tried\n");
		return;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) >= 4)
		check(0, "register: every protection key taken: ENOSPC (got %s)",
		      strerrorname_np(WEXITSTATUS(status) - 4) ?: "?");
	else
		check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "register: every protection key taken: ENOSPC (%s)",
		      !WIFEXITED(status) ? "registered: the child died at its next call" :
		      WEXITSTATUS(status) == 1 ? "registered" : "it is");
}

static int has_mvx_mapping(void)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	int found = 0;

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "[mvx]"))
			found = 1;
	if (f)
		fclose(f);
	return found;
}

int main(void)
{
	struct {
		struct mvx_monitor_desc d;
		__u64 extra;
	} big;
	struct mvx_monitor_desc d;
	long pg = sysconf(_SC_PAGESIZE);
	unsigned long long sizes[2];

	setvbuf(stdout, NULL, _IOLBF, 0);
	data = mmap(NULL, PAGES * pg, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	code = mmap(NULL, pg, PROT_READ | PROT_EXEC,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (data == MAP_FAILED || code == MAP_FAILED) {
		perror("register: mmap");
		return 2;
	}
	check(sizeof(d) == MVX_MONITOR_DESC_SIZE_VER2,
	      "register: struct mvx_monitor_desc is MVX_MONITOR_DESC_SIZE_VER2 bytes (%zu)",
	      sizeof(d));

	/* Past the end of a range, not only before its start, is outside. */
	base(&d);
	d.entry = d.ranges[1].end + 16 * pg;
	refused(&d, EINVAL, "register: entry past the end of the executable range");
	base(&d);
	d.log_nrec = 24;
	refused(&d, EINVAL, "register: log_nrec not a power of two");
	base(&d);
	d.log_nrec = MVX_LOG_RECORDS_MAX * 2;
	refused(&d, EINVAL, "register: log_nrec above MVX_LOG_RECORDS_MAX");
	base(&d);
	d.log_head += 4;
	refused(&d, EINVAL, "register: log_head not 8-byte aligned");
	base(&d);
	d.log += 4;
	refused(&d, EINVAL, "register: log not 8-byte aligned");
	base(&d);
	d.log_head = d.records - 8;
	refused(&d, EINVAL, "register: log_head before the record area");
	base(&d);
	d.log_nrec = 128;	/* 128 records of 96 bytes: past the area */
	refused(&d, EINVAL, "register: log past the end of the record area");
	base(&d);
	d.records = d.ranges[1].start;
	d.records_size = pg;
	d.log_head = d.records;
	d.log = d.records + 64;
	refused(&d, EINVAL, "register: log in a range that is not writable");
	base(&d);
	d.log_nrec = 0;
	refused(&d, EINVAL, "register: log addresses without log_nrec");
	base(&d);
	d.__pad2 = 1;
	refused(&d, EINVAL, "register: __pad2 not zero");

	memset(&big, 0, sizeof(big));
	base(&big.d);
	big.d.size = sizeof(big);
	big.extra = 1;
	refused(&big.d, E2BIG, "register: unknown bytes past the descriptor");

	/* More than MVX_MONITOR_BYTES_MAX (16 MiB) in the ranges together. */
	sizes[0] = 17ULL << 20;
	too_big(sizes, 1, "register: a range of 17 MiB");
	sizes[0] = sizes[1] = 9ULL << 20;
	too_big(sizes, 2, "register: two ranges of 9 MiB");
	/* base()'s ranges hold PAGES + 1 pages: one more is one too many. */
	sizes[0] = MVX_MONITOR_BYTES_MAX - PAGES * pg;
	too_big(sizes, 1, "register: ranges one page past MVX_MONITOR_BYTES_MAX together");
	sizes[0] = 8ULL << 30;
	too_big(sizes, 1, "register: a range of 8 GiB");
	all_keys_taken();

	check(!has_mvx_mapping(),
	      "register: the process has no [mvx] mapping afterwards");
	return check_failures ? 1 : 0;
}
