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
 * The attempts: calls that change, unmap or replace the mappings
 * (mprotect, madvise, mremap, munmap, mmap MAP_FIXED, shmat, ...); writes
 * from outside (process_vm_writev, /proc/self/mem, ptrace pokes); every
 * prctl(PR_SET_MM) (the heap's bounds moved around a range would let
 * brk() unmap it) and brk() across a range; a userfaultfd registration
 * (any error will do); addresses the kernel would write to later, on
 * its own (rseq, set_tid_address, set_robust_list, sigaltstack); buffers
 * in a range for read, write, readv, writev, recvfrom and sendto (on
 * descriptors that cannot block). Once: io_uring_setup, io_uring_enter
 * and io_uring_register fail with EPERM, since the kernel would run a
 * ring's requests where no excursion sees them; and on a CPU with
 * protection keys the ranges carry one (smaps' ProtectionKey), which
 * pkey_free() and pkey_mprotect() of the program's own memory may not
 * use (EPERM).
 * Last, the same kinds of calls on the program's own memory must work,
 * brk() growing the heap and reads and writes with buffers of its own
 * among them.
 *
 * One "PASS: tamper: ..." or "FAIL: tamper: ..." line per attempt; exits
 * 1 if any failed. An attempt must be refused with EPERM even by a
 * kernel that lacks the call (ENOSYS fails), but for userfaultfd, whose
 * absence gets a "SKIP:" line, as does brk() across a range that lies
 * below the heap (out of its reach). Of the calls on its own memory, one
 * the kernel lacks gets a "SKIP:" line.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/io_uring.h>
#include <linux/userfaultfd.h>

#include <mvx.h>

#include "../lib/check.h"

#define MAX_RANGES	16
#define MAPS_MAX	(64 * 1024)
#define RSEQ_SIGNATURE	0x53053053	/* glibc's RSEQ_SIG on x86_64 */

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
 * One attempt: passes when @ret is -1 with errno EPERM, the monitor's
 * mappings did not change and @wrong is NULL (else it says, after "; ",
 * what else went wrong). @e is the errno the call left. @r is the range
 * aimed at, or NULL for a call refused whatever its arguments. @result
 * says what a call that did not return -1 did, if not "succeeded".
 */
static void refused_but(const struct range *r, const char *what, long ret, int e,
			const char *result, const char *wrong)
{
	int same = unchanged();
	const char *hint = "";
	char at[48] = "";

	if (ret == -1 && e == ENOSYS)
		hint = " (this kernel lacks the call)";
	if (r)
		snprintf(at, sizeof(at), "%s %#lx: ", r->what, (unsigned long)r->start);
	check(ret == -1 && e == EPERM && same && !wrong,
	      "tamper: %s%s: %s%s%s%s%s", at, what,
	      ret == -1 ? errname(e) : result ? result : "succeeded", hint,
	      same ? "" : "; the monitor's mappings changed",
	      wrong ? "; " : "", wrong ? wrong : "");
	if (!same) {
		/* Later attempts would compare against what changed. */
		monitor_maps(maps_before, sizeof(maps_before));
	}
}

static void refused(const struct range *r, const char *what, long ret, int e)
{
	refused_but(r, what, ret, e, NULL, NULL);
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

/*
 * The bounds of the address space that PR_SET_MM sets, as
 * /proc/self/stat shows them (fields 26-28 and 45-51), and the break;
 * auxv and exe_fd unchanged. Returns 0 if they could not be read.
 */
static int mm_bounds(struct prctl_mm_map *m)
{
	static const int fields[] = { 26, 27, 28, 45, 46, 47, 48, 49, 50, 51 };
	unsigned long long v[52] = { 0 };
	char buf[4096], *p;
	size_t n;
	int i;
	FILE *f = fopen("/proc/self/stat", "r");

	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* Field 2 is the command in parentheses, field 3 a letter. */
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ' || !p[2] || p[3] != ' ')
		return 0;
	p += 4;
	for (i = 4; i < 52; i++)
		v[i] = strtoull(p, &p, 10);
	memset(m, 0, sizeof(*m));
	m->start_code = v[26];
	m->end_code = v[27];
	m->start_stack = v[28];
	m->start_data = v[45];
	m->end_data = v[46];
	m->start_brk = v[47];
	m->arg_start = v[48];
	m->arg_end = v[49];
	m->env_start = v[50];
	m->env_end = v[51];
	m->brk = syscall(SYS_brk, 0);
	m->exe_fd = (__u32)-1;
	for (i = 0; i < (int)(sizeof(fields) / sizeof(fields[0])); i++)
		if (!v[fields[i]])
			return 0;
	return 1;
}

static const struct {
	int opt;
	const char *name;
} set_mm_options[] = {
	{ PR_SET_MM_START_CODE, "PR_SET_MM_START_CODE (to its own value)" },
	{ PR_SET_MM_END_CODE, "PR_SET_MM_END_CODE (to its own value)" },
	{ PR_SET_MM_START_DATA, "PR_SET_MM_START_DATA (to its own value)" },
	{ PR_SET_MM_END_DATA, "PR_SET_MM_END_DATA (to its own value)" },
	{ PR_SET_MM_START_STACK, "PR_SET_MM_START_STACK (to its own value)" },
	{ PR_SET_MM_START_BRK, "PR_SET_MM_START_BRK (below it)" },
	{ PR_SET_MM_BRK, "PR_SET_MM_BRK (above it)" },
	{ PR_SET_MM_ARG_START, "PR_SET_MM_ARG_START (to its own value)" },
	{ PR_SET_MM_ARG_END, "PR_SET_MM_ARG_END (to its own value)" },
	{ PR_SET_MM_ENV_START, "PR_SET_MM_ENV_START (to its own value)" },
	{ PR_SET_MM_ENV_END, "PR_SET_MM_ENV_END (to its own value)" },
	{ PR_SET_MM_AUXV, "PR_SET_MM_AUXV (to its own vector)" },
	{ PR_SET_MM_EXE_FILE, "PR_SET_MM_EXE_FILE (to its own file)" },
	{ PR_SET_MM_MAP, "PR_SET_MM_MAP (the heap from below it to above it)" },
	{ PR_SET_MM_MAP_SIZE, "PR_SET_MM_MAP_SIZE" },
};

/*
 * prctl(PR_SET_MM, @opt): the module refuses every PR_SET_MM of a
 * monitored program with EPERM, whatever it asks for. The heap's bounds
 * are the real attack: with the start of the heap below a range and the
 * break above it, brk() back to the start would unmap the range (which
 * the brk check alone cannot see coming). The other options are asked to
 * set what is already there. A kernel that lets one through (an
 * unprivileged PR_SET_MM_MAP, or any as root) gets the old bounds back
 * at once, before anything (malloc's brk) can use the new ones.
 */
static void set_mm(const struct range *r, int opt, const char *name)
{
	unsigned long auxv[64], arg = 0, arg4 = 0;
	struct prctl_mm_map now, map;
	unsigned int size = 0;
	char what[96];
	long ret;
	int e, fd = -1;

	snprintf(what, sizeof(what), "prctl(PR_SET_MM, %s)", name);
	if (!mm_bounds(&now)) {
		check(0, "tamper: %s %#lx: %s: /proc/self/stat does not show the bounds",
		      r->what, (unsigned long)r->start, what);
		return;
	}
	switch (opt) {
	case PR_SET_MM_START_CODE:
		arg = now.start_code;
		break;
	case PR_SET_MM_END_CODE:
		arg = now.end_code;
		break;
	case PR_SET_MM_START_DATA:
		arg = now.start_data;
		break;
	case PR_SET_MM_END_DATA:
		arg = now.end_data;
		break;
	case PR_SET_MM_START_STACK:
		arg = now.start_stack;
		break;
	case PR_SET_MM_START_BRK:
		arg = now.start_brk < r->start - pg ? now.start_brk : r->start - pg;
		break;
	case PR_SET_MM_BRK:
		arg = now.brk > r->end + pg ? now.brk : r->end + pg;
		break;
	case PR_SET_MM_ARG_START:
		arg = now.arg_start;
		break;
	case PR_SET_MM_ARG_END:
		arg = now.arg_end;
		break;
	case PR_SET_MM_ENV_START:
		arg = now.env_start;
		break;
	case PR_SET_MM_ENV_END:
		arg = now.env_end;
		break;
	case PR_SET_MM_AUXV:
		fd = open("/proc/self/auxv", O_RDONLY | O_CLOEXEC);
		ret = fd < 0 ? -1 : read(fd, auxv, sizeof(auxv));
		arg = (uintptr_t)auxv;
		arg4 = ret > 0 ? ret : 0;
		break;
	case PR_SET_MM_EXE_FILE:
		fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
		arg = fd;
		break;
	case PR_SET_MM_MAP:
		map = now;
		map.start_brk = now.start_brk < r->start - pg ? now.start_brk : r->start - pg;
		map.brk = now.brk > r->end + pg ? now.brk : r->end + pg;
		arg = (uintptr_t)&map;
		arg4 = sizeof(map);
		break;
	case PR_SET_MM_MAP_SIZE:
		arg = (uintptr_t)&size;
		break;
	}
	errno = 0;
	ret = prctl(PR_SET_MM, opt, arg, arg4, 0);
	e = errno;
	if (ret == 0 && opt != PR_SET_MM_MAP_SIZE)
		prctl(PR_SET_MM, PR_SET_MM_MAP, &now, sizeof(now), 0);
	if (fd >= 0)
		close(fd);
	refused(r, what, ret, e);
}

/*
 * brk() to an address that puts the range between the break and it: the
 * kernel would map or unmap what lies between. The kernel's brk() does
 * not fail with -1 but returns the old break; the module refuses with
 * EPERM, so the raw call returns -1. The break must not move either (it
 * is put back if it did). A range below the heap's start is out of
 * brk()'s reach: a SKIP line.
 */
static void brk_across(const struct range *r)
{
	struct prctl_mm_map now;
	unsigned long target, after;
	const char *wrong = NULL;
	char what[80], result[64];
	long ret;
	int e;

	if (!mm_bounds(&now)) {
		check(0, "tamper: %s %#lx: brk: /proc/self/stat does not show the heap",
		      r->what, (unsigned long)r->start);
		return;
	}
	if (r->start >= now.brk) {
		target = r->end + pg;
	} else if (r->start >= now.start_brk) {
		target = r->start;
	} else {
		printf("SKIP: tamper: %s %#lx: brk across it: it lies below the heap (%#llx)\n",
		       r->what, (unsigned long)r->start, (unsigned long long)now.start_brk);
		return;
	}
	snprintf(what, sizeof(what), "brk(%#lx) from the break %#llx, across it", target,
		 (unsigned long long)now.brk);
	errno = 0;
	ret = syscall(SYS_brk, target);
	e = errno;
	after = syscall(SYS_brk, 0);
	snprintf(result, sizeof(result), "returned %#lx", (unsigned long)ret);
	if (after != now.brk) {
		wrong = "the break moved";
		syscall(SYS_brk, now.brk);
	} else if (ret != -1) {
		wrong = "the old break, as the kernel's brk() fails: not refused";
	}
	refused_but(r, what, ret, e, result, wrong);
}

/*
 * userfaultfd: registering the range would have the program, not the
 * monitor's fault handler, serve its faults. Any error will do (the
 * kernel refuses such a mapping with EINVAL); the mappings must stay as
 * they were. A kernel without userfaultfd gets a SKIP line.
 */
static void uffd_register(const struct range *r)
{
	static const struct {
		__u64 mode;
		const char *name;
	} modes[] = {
		{ UFFDIO_REGISTER_MODE_MISSING, "MISSING" },
		{ UFFDIO_REGISTER_MODE_WP, "WP" },
		{ UFFDIO_REGISTER_MODE_MINOR, "MINOR" },
	};
	struct uffdio_api api = { .api = UFFD_API };
	unsigned int i;
	long fd, ret;
	int e, same;

	fd = syscall(SYS_userfaultfd, O_CLOEXEC | UFFD_USER_MODE_ONLY);
	if (fd < 0 && errno == EINVAL)	/* a kernel before 5.11 */
		fd = syscall(SYS_userfaultfd, O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		if (e == ENOSYS) {
			printf("SKIP: tamper: %s %#lx: userfaultfd: this kernel lacks the call\n",
			       r->what, (unsigned long)r->start);
			return;
		}
		check(e == EPERM, "tamper: %s %#lx: userfaultfd: %s", r->what,
		      (unsigned long)r->start, e == EPERM ? "refused (EPERM)" : errname(e));
		return;
	}
	if (ioctl(fd, UFFDIO_API, &api)) {
		check(0, "tamper: %s %#lx: userfaultfd: UFFDIO_API: %s", r->what,
		      (unsigned long)r->start, errname(errno));
		close(fd);
		return;
	}
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		struct uffdio_register reg = {
			.range = { .start = r->start, .len = r->end - r->start },
			.mode = modes[i].mode,
		};

		errno = 0;
		ret = ioctl(fd, UFFDIO_REGISTER, &reg);
		e = errno;
		if (ret == 0)
			ioctl(fd, UFFDIO_UNREGISTER, &reg.range);
		same = unchanged();
		check(ret == -1 && same, "tamper: %s %#lx: UFFDIO_REGISTER (mode %s) over it: %s%s",
		      r->what, (unsigned long)r->start, modes[i].name,
		      ret == -1 ? errname(e) : "succeeded",
		      same ? "" : "; the monitor's mappings changed");
		if (!same)
			monitor_maps(maps_before, sizeof(maps_before));
	}
	close(fd);
}

/*
 * Addresses the kernel keeps and writes to later, on its own: the tid
 * address (at exit), the robust futex list (at exit), the signal stack
 * (at each signal). Tried in a child, whose state goes with it should a
 * kernel accept them; its lines count here.
 */
static void later_writes(const struct range *r)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		stack_t ss = { .ss_sp = (void *)r->start, .ss_size = r->end - r->start };

		/* The child's mappings, at the same addresses as the parent's. */
		monitor_maps(maps_before, sizeof(maps_before));
		check_failures = 0;
		ATTEMPT(r, "set_tid_address(it) (in a child)", syscall(SYS_set_tid_address, r->start));
		ATTEMPT(r, "set_robust_list(it, 24) (in a child)",
			syscall(SYS_set_robust_list, r->start, 24));
		ATTEMPT(r, "sigaltstack on it (in a child)", sigaltstack(&ss, NULL));
		fflush(stdout);
		_exit(check_failures);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		check(0, "tamper: %s %#lx: set_tid_address, ...: fork: %s", r->what,
		      (unsigned long)r->start, strerror(errno));
		return;
	}
	if (!WIFEXITED(status))
		check(0, "tamper: %s %#lx: set_tid_address, ...: the child died (status %#x)",
		      r->what, (unsigned long)r->start, status);
	else
		check_failures += WEXITSTATUS(status);
}

/*
 * Buffers in the range for calls that copy to or from them. Each
 * descriptor has data to read and cannot block, so that a kernel that
 * lets the call run returns at once (EFAULT, while no excursion has the
 * page in the page tables); the module must refuse each before it runs.
 */
static void buffers(const struct range *r)
{
	static const char data[64] = "data for a read that must not happen";
	struct iovec iov = { (void *)r->start, sizeof(data) };
	int p[2], sv[2];

	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) ||
	    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv)) {
		check(0, "tamper: %s %#lx: pipe or socketpair: %s", r->what,
		      (unsigned long)r->start, strerror(errno));
		return;
	}
	if (write(p[1], data, sizeof(data)) != sizeof(data) ||
	    send(sv[1], data, sizeof(data), 0) != sizeof(data))
		check(0, "tamper: %s %#lx: filling a pipe and a socket: %s", r->what,
		      (unsigned long)r->start, strerror(errno));
	ATTEMPT(r, "read from a pipe into it", read(p[0], (void *)r->start, sizeof(data)));
	ATTEMPT(r, "write to a pipe from it", write(p[1], (void *)r->start, sizeof(data)));
	ATTEMPT(r, "readv from a pipe into it", readv(p[0], &iov, 1));
	ATTEMPT(r, "writev to a pipe from it", writev(p[1], &iov, 1));
	ATTEMPT(r, "recvfrom a socket into it",
		recvfrom(sv[0], (void *)r->start, sizeof(data), MSG_DONTWAIT, NULL, NULL));
	ATTEMPT(r, "sendto a socket from it",
		sendto(sv[0], (void *)r->start, sizeof(data), MSG_DONTWAIT, NULL, 0));
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
}

/*
 * io_uring: the kernel runs a ring's requests in its own threads and task
 * work, where no excursion sees them; the module refuses the three calls
 * to a monitored program, whatever their arguments.
 */
static void io_uring_calls(void)
{
	struct io_uring_params params;
	long fd, ret;

	memset(&params, 0, sizeof(params));
	errno = 0;
	fd = syscall(SYS_io_uring_setup, 4, &params);
	refused(NULL, "io_uring_setup(4)", fd, errno);
	errno = 0;
	ret = syscall(SYS_io_uring_enter, fd >= 0 ? fd : -1, 1, 0, 0, NULL, 0);
	refused(NULL, fd >= 0 ? "io_uring_enter on the ring" : "io_uring_enter(-1)", ret, errno);
	errno = 0;
	ret = syscall(SYS_io_uring_register, fd >= 0 ? fd : -1, IORING_REGISTER_PROBE, NULL, 0);
	refused(NULL, fd >= 0 ? "io_uring_register on the ring" : "io_uring_register(-1)", ret,
		errno);
	if (fd >= 0)
		close(fd);
}

/* Whether /proc/cpuinfo lists the flag @flag. */
static int cpu_has(const char *flag)
{
	char line[4096], *p;
	FILE *f = fopen("/proc/cpuinfo", "r");
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5))
			continue;
		for (p = strtok(line, " \t\n"); p && !found; p = strtok(NULL, " \t\n"))
			found = !strcmp(p, flag);
	}
	if (f)
		fclose(f);
	return found;
}

/* The protection key of the first [mvx] mapping in smaps, or -1. */
static int mvx_pkey(void)
{
	char line[512];
	FILE *f = fopen("/proc/self/smaps", "r");
	int in_mvx = 0, key = -1;

	while (f && key < 0 && fgets(line, sizeof(line), f)) {
		if (strchr(line, '-') && strchr(line, ':') && !strstr(line, "kB"))
			in_mvx = strstr(line, "[mvx]") != NULL;
		else if (in_mvx)
			sscanf(line, "ProtectionKey: %d", &key);
	}
	if (f)
		fclose(f);
	return key;
}

/* The key on the monitor's ranges is not the program's (kmod/pkey.c). */
static void pkey_calls(void)
{
	int key = mvx_pkey();
	long ret;
	void *own;

	if (!cpu_has("pku")) {
		printf("tamper: the CPU has no protection keys; not tried\n");
		return;
	}
	check(key > 0, "tamper: the monitor's ranges carry a protection key of their own (%d)", key);
	if (key <= 0)
		return;
	errno = 0;
	ret = syscall(SYS_pkey_free, key);
	refused(NULL, "pkey_free of the monitor's key", ret, errno);
	own = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (own == MAP_FAILED)
		return;
	errno = 0;
	ret = syscall(SYS_pkey_mprotect, own, pg, PROT_READ | PROT_WRITE, key);
	refused(NULL, "pkey_mprotect of its own memory with the monitor's key", ret, errno);
	munmap(own, pg);
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
	unsigned int i;

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
	ATTEMPT(r, "madvise(MADV_FREE)", madvise((void *)r->start, len, MADV_FREE));
	ATTEMPT(r, "madvise(MADV_REMOVE)", madvise((void *)r->start, len, MADV_REMOVE));
	for (i = 0; i < sizeof(set_mm_options) / sizeof(set_mm_options[0]); i++)
		set_mm(r, set_mm_options[i].opt, set_mm_options[i].name);
	brk_across(r);
	uffd_register(r);
	ATTEMPT(r, "rseq registration of an area in it",
		syscall(SYS_rseq, r->start, 32, 0, RSEQ_SIGNATURE));
	later_writes(r);
	buffers(r);

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

/* brk() grows the heap by four pages, which can be written, and back. */
static int brk_grows(void)
{
	unsigned long cur = syscall(SYS_brk, 0), want = cur + 4 * pg;

	if ((unsigned long)syscall(SYS_brk, want) != want)
		return 0;
	((volatile char *)want)[-1] = 'b';
	return (unsigned long)syscall(SYS_brk, cur) == cur;
}

/* read, write, readv, writev, sendto and recvfrom with buffers of its own. */
static int own_buffers(void)
{
	char out[64], in[64];
	struct iovec ov = { out, sizeof(out) }, iv = { in, sizeof(in) };
	int p[2], sv[2], ok;

	memset(out, 'o', sizeof(out));
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK))
		return 0;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv)) {
		close(p[0]);
		close(p[1]);
		return 0;
	}
	ok = write(p[1], out, sizeof(out)) == sizeof(out) &&
	     read(p[0], in, sizeof(in)) == sizeof(in) && !memcmp(in, out, sizeof(in));
	memset(in, 0, sizeof(in));
	ok = ok && writev(p[1], &ov, 1) == sizeof(out) && readv(p[0], &iv, 1) == sizeof(in) &&
	     !memcmp(in, out, sizeof(in));
	memset(in, 0, sizeof(in));
	ok = ok && sendto(sv[0], out, sizeof(out), 0, NULL, 0) == sizeof(out) &&
	     recvfrom(sv[1], in, sizeof(in), 0, NULL, NULL) == sizeof(in) &&
	     !memcmp(in, out, sizeof(in));
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	return ok;
}

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
	ALLOWED("brk grows the heap by four pages, and shrinks it back", brk_grows());
	ALLOWED("read, write, readv, writev, sendto and recvfrom with buffers of its own",
		own_buffers());

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
	io_uring_calls();
	pkey_calls();
	compat_call();
	own_memory(memfd);
	close(memfd);
	check(unchanged(), "tamper: at the end, the monitor's mappings are as they were");
	return check_failures ? 1 : 0;
}
