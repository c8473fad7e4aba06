// SPDX-License-Identifier: GPL-2.0
/*
 * tamper - run under the monitor, tries every way the kernel must refuse
 * to let a program touch its monitor, and a few it must still allow.
 *
 * usage: tamper [-p PIDFILE]
 *
 * The monitor's ranges are found in /proc/self/maps: the mappings named
 * "[mvx]", which the kernel fills only during excursions. They are
 * checked against the kernel's own list (MVX_IOC_MONITOR_INFO). Then, on each range, each attempt must fail
 * with EPERM and leave the monitor's mappings as they were; reading and
 * executing the ranges must fault; mvx() itself must fail with EPERM.
 * Last, the same kinds of calls on the program's own memory must work.
 *
 * One "PASS: tamper: ..." or "FAIL: tamper: ..." line per attempt; exits
 * 1 if any failed. An attempt must be refused with EPERM even by a
 * kernel that lacks the call (ENOSYS fails). Of the calls on its own
 * memory, one the kernel lacks gets a "SKIP:" line.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mvx.h>

#include "../lib/check.h"

#define MAX_RANGES	16
#define MAPS_MAX	(64 * 1024)

struct range {
	uintptr_t start, end;
	char what[8];		/* "[mvx]" */
};

static struct range ranges[MAX_RANGES];
static int nranges;
static char maps_before[MAPS_MAX];
static long pg;

/*
 * The lines of /proc/self/maps that describe the monitor's ranges
 * (those that overlap one), concatenated into @buf.
 */
static void monitor_maps(char *buf, size_t size)
{
	char line[512];
	size_t used = 0;
	FILE *f = fopen("/proc/self/maps", "r");
	int i;

	buf[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long s, e;

		if (sscanf(line, "%lx-%lx", &s, &e) != 2)
			continue;
		for (i = 0; i < nranges; i++)
			if (s < ranges[i].end && e > ranges[i].start)
				break;
		if (i < nranges && used + strlen(line) < size) {
			strcpy(buf + used, line);
			used += strlen(line);
		}
	}
	fclose(f);
}

/*
 * The monitor's ranges: the "[mvx]" mappings (doc/MONITOR.md,
 * "Protection"). Also counts the mappings of libmvx.so that are writable
 * or executable: after registration its code and data are [mvx] pages,
 * only its headers and symbol tables stay file mappings.
 */
static int find_ranges(void)
{
	char line[512], perms[8], path[400];
	FILE *f = fopen("/proc/self/maps", "r");
	int n, file_code = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long s, e;

		path[0] = '\0';
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %399s", &s, &e, perms, path) < 3)
			continue;
		n = strlen(path);
		if (!strcmp(path, "[mvx]") && nranges < MAX_RANGES)
			ranges[nranges++] = (struct range){ s, e, "[mvx]" };
		else if (n >= 10 && !strcmp(path + n - 10, "/libmvx.so") &&
			 (perms[1] == 'w' || perms[2] == 'x'))
			file_code++;
	}
	fclose(f);
	return file_code;
}

/* Whether the monitor's mappings are as they were when found. */
static int unchanged(void)
{
	static char now[MAPS_MAX];

	monitor_maps(now, sizeof(now));
	return !strcmp(now, maps_before);
}

static const char *errname(int e)
{
	const char *n = strerrorname_np(e);

	return n ? n : "?";
}

/*
 * One attempt: passes when @ret is -1 with errno EPERM and the monitor's
 * mappings did not change. @e is the errno the call left.
 */
static void refused(const struct range *r, const char *what, long ret, int e)
{
	int same = unchanged();
	const char *hint = "";

	if (ret == -1 && e == ENOSYS)
		hint = " (this kernel lacks the call)";
	check(ret == -1 && e == EPERM && same,
	      "tamper: %s %#lx: %s: %s%s%s", r->what, (unsigned long)r->start, what,
	      ret == -1 ? errname(e) : "succeeded", hint,
	      same ? "" : "; the monitor's mappings changed");
	if (!same) {
		/* Later attempts would compare against what changed. */
		monitor_maps(maps_before, sizeof(maps_before));
	}
}

#define ATTEMPT(r, what, call)						\
	do {								\
		long ret_;						\
		errno = 0;						\
		ret_ = (long)(call);					\
		refused(r, what, ret_, errno);				\
	} while (0)

static sigjmp_buf jump;
static volatile uintptr_t fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = (uintptr_t)si->si_addr;
	siglongjmp(jump, 1);
}

/* Reading the range faults at its address, caught here. */
static void read_faults(const struct range *r)
{
	volatile unsigned char c = 0;

	fault_addr = 0;
	if (!sigsetjmp(jump, 1))
		c = *(volatile unsigned char *)r->start;
	check(fault_addr == r->start, "tamper: %s %#lx: reading it faults (SIGSEGV)%s",
	      r->what, (unsigned long)r->start,
	      fault_addr ? (fault_addr == r->start ? "" : " elsewhere") : ": it did not");
	(void)c;
}

/* Calling into the range faults; done in a child, in case it does not. */
static void exec_faults(const struct range *r)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (!sigsetjmp(jump, 1))
			((void (*)(void))r->start)();
		_exit(fault_addr == r->start ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		status = -1;
	check(status == 0, "tamper: %s %#lx: executing it faults (SIGSEGV) (status %#x)",
	      r->what, (unsigned long)r->start, status);
}

/*
 * ptrace: a child asks to be traced and stops; the parent pokes its copy
 * of the monitor (at the same address), which must be refused.
 */
static void poke(const struct range *r)
{
	long pret, pe, tret, te;
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) == 0)
			raise(SIGSTOP);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFSTOPPED(status)) {
		check(0, "tamper: %s %#lx: PTRACE_POKEDATA: the child did not stop (%s)",
		      r->what, (unsigned long)r->start, strerror(errno));
		if (pid > 0)
			kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return;
	}
	errno = 0;
	pret = ptrace(PTRACE_POKEDATA, pid, (void *)r->start, (void *)0x4141414141414141);
	pe = errno;
	errno = 0;
	tret = ptrace(PTRACE_POKETEXT, pid, (void *)r->start, (void *)0x4141414141414141);
	te = errno;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	refused(r, "PTRACE_POKEDATA into a traced child's copy", pret, pe);
	refused(r, "PTRACE_POKETEXT into a traced child's copy", tret, te);
}

/*
 * ptrace the other way: a child seizes the parent (this process) and
 * pokes its monitor; it exits 0 if that was refused with EPERM, 10 + the
 * step that failed otherwise.
 */
static void poke_parent(const struct range *r)
{
	pid_t parent = getpid(), pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		long ret;
		int st;

		if (ptrace(PTRACE_SEIZE, parent, NULL, NULL))
			_exit(10);
		if (ptrace(PTRACE_INTERRUPT, parent, NULL, NULL) ||
		    waitpid(parent, &st, __WALL) != parent)
			_exit(11);
		errno = 0;
		ret = ptrace(PTRACE_POKEDATA, parent, (void *)r->start, (void *)0x4242424242424242);
		st = ret == -1 && errno == EPERM ? 0 : ret == -1 ? 12 : 13;
		ptrace(PTRACE_DETACH, parent, NULL, NULL);
		_exit(st);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		status = -1;
	check(status == 0 && unchanged(),
	      "tamper: %s %#lx: PTRACE_POKEDATA by a child that seized the parent: %s",
	      r->what, (unsigned long)r->start,
	      status == 0 ? "EPERM" : WIFEXITED(status) && WEXITSTATUS(status) == 10 ?
	      "PTRACE_SEIZE failed" : WIFEXITED(status) && WEXITSTATUS(status) == 11 ?
	      "PTRACE_INTERRUPT failed" : WIFEXITED(status) && WEXITSTATUS(status) == 12 ?
	      "another error" : "succeeded or the child died");
}

static void attempts(const struct range *r, int memfd)
{
	size_t len = r->end - r->start;
	uint64_t word = 0x4343434343434343ULL;
	struct iovec local = { &word, sizeof(word) };
	struct iovec remote = { (void *)r->start, sizeof(word) };
	struct iovec whole = { (void *)r->start, len };
	void *other, *spot;
	int pidfd, shmid;

	read_faults(r);
	exec_faults(r);
	ATTEMPT(r, "mprotect RW", mprotect((void *)r->start, len, PROT_READ | PROT_WRITE));
	ATTEMPT(r, "mprotect RWX", mprotect((void *)r->start, len,
					    PROT_READ | PROT_WRITE | PROT_EXEC));
	ATTEMPT(r, "mprotect R of its first page", mprotect((void *)r->start, pg, PROT_READ));
	ATTEMPT(r, "pkey_mprotect RW (pkey -1)",
		syscall(SYS_pkey_mprotect, r->start, len, PROT_READ | PROT_WRITE, -1));
	ATTEMPT(r, "process_vm_writev to itself",
		process_vm_writev(getpid(), &local, 1, &remote, 1, 0));
	ATTEMPT(r, "pwrite to /proc/self/mem", pwrite(memfd, &word, sizeof(word), r->start));
	poke(r);
	pidfd = syscall(SYS_pidfd_open, getpid(), 0);
	if (pidfd < 0) {
		check(0, "tamper: %s %#lx: process_madvise: pidfd_open: %s", r->what,
		      (unsigned long)r->start, strerror(errno));
	} else {
		ATTEMPT(r, "process_madvise(MADV_PAGEOUT) by pidfd",
			syscall(SYS_process_madvise, pidfd, &whole, 1, MADV_PAGEOUT, 0));
		ATTEMPT(r, "process_madvise(MADV_COLD) by pidfd",
			syscall(SYS_process_madvise, pidfd, &whole, 1, MADV_COLD, 0));
		close(pidfd);
	}
	ATTEMPT(r, "madvise(MADV_DONTFORK)", madvise((void *)r->start, len, MADV_DONTFORK));
	ATTEMPT(r, "madvise(MADV_DONTNEED)", madvise((void *)r->start, len, MADV_DONTNEED));
	ATTEMPT(r, "madvise(MADV_DONTNEED) of its first page",
		madvise((void *)r->start, pg, MADV_DONTNEED));

	/* Somewhere else to move things to, and something to move there. */
	spot = mmap(NULL, len + pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	other = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (spot == MAP_FAILED || other == MAP_FAILED) {
		check(0, "tamper: mmap for the mremap attempts: %s", strerror(errno));
		return;
	}
	memset(other, 'o', pg);
	ATTEMPT(r, "mremap to grow it", mremap((void *)r->start, len, len + pg, MREMAP_MAYMOVE));
	ATTEMPT(r, "mremap to shrink it", len > (size_t)pg ?
		mremap((void *)r->start, len, len - pg, 0) :
		mremap((void *)r->start, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, spot));
	ATTEMPT(r, "mremap to move it elsewhere",
		mremap((void *)r->start, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, spot));
	ATTEMPT(r, "mremap of another mapping onto it (MREMAP_MAYMOVE|MREMAP_FIXED)",
		mremap(other, pg, pg, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)r->start));
	check(*(volatile char *)other == 'o', "tamper: %s %#lx: the other mapping stayed put",
	      r->what, (unsigned long)r->start);
	ATTEMPT(r, "munmap", munmap((void *)r->start, len));
	ATTEMPT(r, "munmap of its first page", munmap((void *)r->start, pg));
	ATTEMPT(r, "munmap of a larger span around it",
		munmap((void *)(r->start - pg), len + 2 * pg));
	ATTEMPT(r, "mmap MAP_FIXED over it",
		mmap((void *)r->start, len, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED ? -1 : 0);
	ATTEMPT(r, "mmap MAP_FIXED over its first page",
		mmap((void *)r->start, pg, PROT_READ | PROT_WRITE | PROT_EXEC,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED ? -1 : 0);
	ATTEMPT(r, "remap_file_pages",
		syscall(SYS_remap_file_pages, r->start, pg, 0, 0, 0));
	/*
	 * Without System V IPC there is no segment to attach, but the call
	 * is still made: the address alone must be refused.
	 */
	shmid = shmget(IPC_PRIVATE, pg, IPC_CREAT | 0600);
	ATTEMPT(r, shmid < 0 ? "shmat(SHM_REMAP) over it (of no segment)" :
		"shmat(SHM_REMAP) over it",
		shmat(shmid < 0 ? 0 : shmid, (void *)r->start, SHM_REMAP) == (void *)-1 ? -1 : 0);
	if (shmid >= 0)
		shmctl(shmid, IPC_RMID, NULL);
	munmap(spot, len + pg);
	munmap(other, pg);
}

/*
 * The kernel's list of the monitor's ranges covers the same addresses as
 * the ranges found in /proc/self/maps.
 */
static void compare_with_kernel(void)
{
	struct mvx_monitor_info info = { .size = sizeof(info), .pid = getpid() };
	uintptr_t maps_bytes = 0, kernel_bytes = 0;
	unsigned int i;
	int j, fd, covered = 1;

	fd = open("/dev/mvx", O_RDWR | O_CLOEXEC);
	if (fd < 0 || ioctl(fd, MVX_IOC_MONITOR_INFO, &info) < 0) {
		check(0, "tamper: MVX_IOC_MONITOR_INFO on itself: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	close(fd);
	check(info.state == MVX_MON_ACTIVE, "tamper: the kernel says it is monitored (state %u)",
	      info.state);
	for (i = 0; i < info.nr_ranges && i < MVX_MONITOR_RANGES_MAX; i++)
		kernel_bytes += info.ranges[i].end - info.ranges[i].start;
	for (j = 0; j < nranges; j++) {
		int in = 0;

		maps_bytes += ranges[j].end - ranges[j].start;
		for (i = 0; i < info.nr_ranges && i < MVX_MONITOR_RANGES_MAX; i++)
			in |= ranges[j].start >= info.ranges[i].start &&
			      ranges[j].end <= info.ranges[i].end;
		covered &= in;
	}
	check(covered && maps_bytes == kernel_bytes,
	      "tamper: the ranges in /proc/self/maps are the kernel's (%lu bytes, %u ranges)",
	      (unsigned long)kernel_bytes, info.nr_ranges);
}

/*
 * A 32-bit system call (int 0x80, getpid) would go around the monitor:
 * it must fail with EPERM. A kernel without the 32-bit entry kills the
 * caller with SIGSEGV instead, which checks nothing: a SKIP line.
 */
static void compat_call(void)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		long ret;

		/* Not on_segv: its jump buffer is the parent's, long gone. */
		signal(SIGSEGV, SIG_DFL);
		asm volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
		_exit((int)ret == -EPERM ? 0 : (int)ret == getpid() ? 1 : 2);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		check(0, "tamper: a 32-bit getpid (int 0x80): fork: %s", strerror(errno));
		return;
	}
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV) {
		printf("SKIP: tamper: a 32-bit getpid (int 0x80): this kernel has no 32-bit entry\n");
		return;
	}
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "tamper: a 32-bit getpid (int 0x80) fails with EPERM (%s)",
	      !WIFEXITED(status) ? "killed" : WEXITSTATUS(status) == 1 ?
	      "it ran, around the monitor" : WEXITSTATUS(status) ? "another result" : "it did");
}

/*
 * A call on the program's own memory that must work: no false refusal.
 * One the kernel lacks (ENOSYS) refuses nothing and checks nothing: it
 * is reported on a SKIP line, which counts neither way.
 */
static void allowed(const char *what, int ok, int e)
{
	if (!ok && e == ENOSYS) {
		printf("SKIP: tamper: own memory: %s: this kernel lacks the call\n", what);
		return;
	}
	check(ok, "tamper: own memory: %s%s%s", what, ok ? "" : ": ",
	      ok ? "" : errname(e));
}

#define ALLOWED(what, cond)						\
	do {								\
		int ok_;						\
		errno = 0;						\
		ok_ = (cond);						\
		allowed(what, ok_, errno);				\
	} while (0)

/* The same kinds of calls on the program's own memory work. */
static void own_memory(int memfd)
{
	uint64_t word = 0x4444444444444444ULL;
	struct iovec local = { &word, sizeof(word) }, remote;
	char *p, *q;

	p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ALLOWED("mmap", p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	ALLOWED("mprotect RWX", mprotect(p, 4 * pg, PROT_READ | PROT_WRITE | PROT_EXEC) == 0);
	ALLOWED("mprotect of a page to none and back to RW",
		mprotect(p, pg, PROT_NONE) == 0 && mprotect(p, pg, PROT_READ | PROT_WRITE) == 0);
	ALLOWED("pkey_mprotect (pkey -1)",
		syscall(SYS_pkey_mprotect, p, pg, PROT_READ | PROT_WRITE, -1) == 0);
	ALLOWED("pwrite to /proc/self/mem",
		pwrite(memfd, &word, sizeof(word), (uintptr_t)p) == sizeof(word) &&
		!memcmp(p, &word, sizeof(word)));
	remote = (struct iovec){ p + 8, sizeof(word) };
	ALLOWED("process_vm_writev",
		process_vm_writev(getpid(), &local, 1, &remote, 1, 0) == sizeof(word) &&
		!memcmp(p + 8, &word, sizeof(word)));
	ALLOWED("madvise(MADV_DONTNEED) zeroes it",
		madvise(p, pg, MADV_DONTNEED) == 0 && *(volatile uint64_t *)p == 0);
	ALLOWED("munmap of a page", munmap(p + 3 * pg, pg) == 0);
	ALLOWED("munmap of the rest", munmap(p, 3 * pg) == 0);

	/* A fresh mapping of one kind: mremap moves it whole. */
	p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	p[0] = 'm';
	q = mremap(p, 2 * pg, 6 * pg, MREMAP_MAYMOVE);
	ALLOWED("mremap to grow", q != MAP_FAILED && q[0] == 'm');
	if (q == MAP_FAILED) {
		munmap(p, 2 * pg);
		return;
	}
	ALLOWED("mmap MAP_FIXED over it",
		mmap(q, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == q &&
		q[0] == 0);
	ALLOWED("munmap", munmap(q, 6 * pg) == 0);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { 0 };
	long ret;
	int i, memfd, e;
	FILE *f;

	setvbuf(stdout, NULL, _IOLBF, 0);
	pg = sysconf(_SC_PAGESIZE);
	if (argc == 3 && !strcmp(argv[1], "-p")) {
		f = fopen(argv[2], "w");
		if (!f || fprintf(f, "%d\n", getpid()) < 0 || fclose(f))
			return 2;
	}
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);

	i = find_ranges();
	check(nranges > 0, "tamper: the monitor's ranges are [mvx] mappings in /proc/self/maps (%d)",
	      nranges);
	if (!nranges)
		return 1;
	check(i == 0, "tamper: no mapping of libmvx.so is writable or executable (%d)", i);
	monitor_maps(maps_before, sizeof(maps_before));
	compare_with_kernel();

	errno = 0;
	ret = syscall(MVX_NR_mvx, MVX_CALL_RETURN, 0, 0, 0);
	e = errno;
	check(ret == -1 && e == EPERM, "tamper: mvx(MVX_CALL_RETURN) from the program: %s",
	      ret == -1 ? errname(e) : "succeeded");
	errno = 0;
	ret = syscall(MVX_NR_mvx, MVX_CALL_REGISTER, 0, 0, 0);
	e = errno;
	check(ret == -1 && e == EPERM, "tamper: mvx(MVX_CALL_REGISTER) from the program: %s",
	      ret == -1 ? errname(e) : "succeeded");

	memfd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
	check(memfd >= 0, "tamper: open /proc/self/mem read-write%s%s",
	      memfd < 0 ? ": " : "", memfd < 0 ? strerror(errno) : "");
	for (i = 0; i < nranges; i++)
		attempts(&ranges[i], memfd);
	poke_parent(&ranges[0]);
	compat_call();
	own_memory(memfd);
	close(memfd);
	check(unchanged(), "tamper: at the end, the monitor's mappings are as they were");
	return check_failures ? 1 : 0;
}
