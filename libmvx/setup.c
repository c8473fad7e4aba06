// SPDX-License-Identifier: GPL-2.0
/*
 * setup.c - what libmvx's constructor does before it registers
 *
 * Reads the environment and the policy, fills the record area's head,
 * and describes the monitor to the kernel: its code, its read-only data
 * and its state (struct mvx_state), found from libmvx's own program
 * headers. The pages with the ELF headers and dynamic symbol tables stay
 * readable, because the dynamic loader reads them for every symbol
 * lookup; they hold nothing of the monitor's.
 */
#include <elf.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <linux/time.h>
#include <asm/unistd.h>
#include <syscalls.h>

#include "report.h"
#include "state.h"
#include "sys.h"

__attribute__((section(".bss.mvx_state"), aligned(MVX_PAGE_SIZE)))
union mvx_state_pages mvx_state;

extern const Elf64_Ehdr __ehdr_start __attribute__((visibility("hidden")));
extern const char mvx_entry[] __attribute__((visibility("hidden")));

static const char *mvx_getenv(char **envp, const char *name)
{
	const char *v;

	for (; envp && *envp; envp++) {
		v = mvx_strprefix(*envp, name);
		if (v && *v == '=')
			return v + 1;
	}
	return 0;
}

static void mvx_die_errno(const char *what, long err)
{
	char msg[400];
	struct mvx_buf b;
	const char *name = mvx_errno_name(-err);

	mvx_buf_init(&b, msg, sizeof(msg));
	mvx_buf_str(&b, what);
	mvx_buf_str(&b, ": ");
	if (name)
		mvx_buf_str(&b, name);
	else
		mvx_buf_s64(&b, err);
	mvx_die(msg);
}

/* Appends @n bytes at @p to the policy the kernel keeps. */
static void mvx_blob_add(const char *p, unsigned long n)
{
	unsigned long i;

	if (n > sizeof(S.blob) - S.blob_len)
		mvx_die_errno("the policy (file, MVX_EXEMPT)", -E2BIG);
	for (i = 0; i < n; i++)
		S.blob[S.blob_len++] = p[i];
}

static void mvx_blob_read_file(const char *path)
{
	long fd, n;

	fd = mvx_sys3(__NR_open, (long)path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		mvx_die_errno(path, fd);
	for (;;) {
		if (S.blob_len == sizeof(S.blob))
			mvx_die_errno(path, -EFBIG);
		n = mvx_sys3(__NR_read, fd, (long)(S.blob + S.blob_len),
			     sizeof(S.blob) - S.blob_len);
		if (n < 0)
			mvx_die_errno(path, n);
		if (!n)
			break;
		S.blob_len += n;
	}
	mvx_sys1(__NR_close, fd);
}

/* The policy from the environment, as the kernel will keep it. */
static void mvx_blob_from_env(char **envp)
{
	const char *path = mvx_getenv(envp, "MVX_POLICY");
	const char *exempt = mvx_getenv(envp, "MVX_EXEMPT");

	if (!path)
		path = "";
	mvx_blob_add(path, mvx_strlen(path) + 1);
	mvx_blob_add(exempt ? exempt : "", mvx_strlen(exempt ? exempt : "") + 1);
	if (*path)
		mvx_blob_read_file(path);
}

/*
 * Parses the policy the kernel keeps (the one given to an earlier
 * program of the process, or the one read from the environment): one
 * way for both, so that a program its process executes applies exactly
 * its parent program's policy.
 */
static void mvx_blob_apply(void)
{
	struct mvx_policy_error err;
	const char *path = S.blob, *exempt, *text;
	unsigned long n = mvx_strnlen(S.blob, S.blob_len);

	if (n == S.blob_len)
		mvx_die("the policy the kernel keeps is not one of libmvx's");
	exempt = path + n + 1;
	n = mvx_strnlen(exempt, S.blob_len - (exempt - S.blob));
	if (exempt + n == S.blob + S.blob_len)
		mvx_die("the policy the kernel keeps is not one of libmvx's");
	text = exempt + n + 1;
	if (*path) {
		if (mvx_policy_parse(&S.policy, text,
				     S.blob + S.blob_len - text, path, &err))
			mvx_die(err.msg);
		mvx_strlcpy(S.ring.policy, path, sizeof(S.ring.policy));
	}
	if (*exempt && mvx_policy_add_exempt_list(&S.policy, exempt, &err))
		mvx_die(err.msg);
}

static unsigned long mvx_page_down(unsigned long a)
{
	return a & ~(unsigned long)(MVX_PAGE_SIZE - 1);
}

static unsigned long mvx_page_up(unsigned long a)
{
	return mvx_page_down(a + MVX_PAGE_SIZE - 1);
}

/*
 * Adjacent ranges become one, with both protections: neighbouring VMAs
 * with one protection stay one VMA, so opening and closing the monitor
 * does not split and merge them every time.
 */
static void mvx_add_range(unsigned long start, unsigned long end,
			  unsigned int prot)
{
	struct mvx_range *r = &S.desc.ranges[S.desc.nr_ranges];

	start = mvx_page_down(start);
	end = mvx_page_up(end);
	if (S.desc.nr_ranges && r[-1].end == start) {
		r[-1].end = end;
		r[-1].prot |= prot;
		return;
	}
	r->start = start;
	r->end = end;
	r->prot = prot;
	S.desc.nr_ranges++;
}

/*
 * The code segment and the read-only segment after it (separate-code
 * layout: headers, code, read-only data, writable data), then the state.
 */
static void mvx_describe(void)
{
	const unsigned long base = (unsigned long)&__ehdr_start;
	const Elf64_Phdr *ph = (const void *)(base + __ehdr_start.e_phoff);
	unsigned int i;

	for (i = 0; i < __ehdr_start.e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_offset == 0 ||
		    (ph[i].p_flags & PF_W))
			continue;
		mvx_add_range(base + ph[i].p_vaddr,
			      base + ph[i].p_vaddr + ph[i].p_memsz,
			      PROT_READ |
			      ((ph[i].p_flags & PF_X) ? PROT_EXEC : 0));
		if (S.desc.nr_ranges == MVX_MONITOR_RANGES_MAX - 1)
			break;
	}
	mvx_add_range((unsigned long)&mvx_state,
		      (unsigned long)&mvx_state + sizeof(mvx_state),
		      PROT_READ | PROT_WRITE);

	S.desc.size = sizeof(S.desc);
	S.desc.flags = S.allow_unmonitored_exec ?
		       MVX_MONITOR_EXEC_UNMONITORED : 0;
	S.desc.policy = (unsigned long)S.blob;
	S.desc.policy_len = S.blob_len;
	S.desc.entry = (unsigned long)mvx_entry;
	S.desc.stack_top = (unsigned long)(S.stack + sizeof(S.stack));
	S.desc.records = (unsigned long)&S.ring;
	S.desc.records_size = sizeof(S.ring);
	/* kmvx writes the ring's records (the call log), not the handler. */
	S.desc.log_head = (unsigned long)&S.ring.head;
	S.desc.log = (unsigned long)S.ring.records;
	S.desc.log_nrec = MVX_RING_RECORDS;
	for (i = 0; i < MVX_SYSCALL_MAX / 64; i++)
		S.desc.exempt[i] = S.policy.exempt[i];
}

static void mvx_fill_head(void)
{
	struct timespec ts;
	unsigned int i;

	S.ring.magic = MVX_RING_MAGIC;
	S.ring.size = sizeof(S.ring);
	S.ring.nrec = MVX_RING_RECORDS;
	S.ring.rec_size = sizeof(struct mvx_record);
	S.ring.nsys = MVX_RING_SYSCALLS;
	/* Not the vDSO: the program could have changed its pages. */
	mvx_sys3(__NR_clock_gettime, CLOCK_MONOTONIC, (long)&ts, 0);
	S.ring.started_ns = (unsigned long long)ts.tv_sec * 1000000000ULL +
			    ts.tv_nsec;
	S.ring.pid = mvx_sys1(__NR_getpid, 0);
	S.ring.rules = S.policy.rules;
	S.ring.default_action = S.policy.default_action;
	S.ring.default_errno = S.policy.default_errno;
	S.ring.allow_unmonitored_exec = S.allow_unmonitored_exec;
	for (i = 0; i < MVX_RING_SYSCALLS; i++) {
		S.ring.action[i] = S.policy.action[i];
		S.ring.error[i] = S.policy.error[i];
	}
}

/*
 * Called by mvx_ctor with what the loader passes to constructors.
 * Returns the descriptor to register; any problem ends the process.
 */
struct mvx_monitor_desc *mvx_setup(int argc, char **argv, char **envp)
{
	const char *v;
	long n;

	(void)argc;
	(void)argv;
	mvx_policy_init(&S.policy);
	/*
	 * A program executed by a monitored one gets that one's policy
	 * from the kernel, whatever its environment says; it may execute
	 * nothing unmonitored (or the kernel would keep nothing).
	 */
	n = mvx_sys3(MVX_NR_mvx, MVX_CALL_POLICY, (long)S.blob,
		     sizeof(S.blob));
	if (n >= 0) {
		S.blob_len = n;
	} else {
		mvx_blob_from_env(envp);
		v = mvx_getenv(envp, "MVX_ALLOW_UNMONITORED_EXEC");
		S.allow_unmonitored_exec = v && !mvx_strcmp(v, "1");
	}
	mvx_blob_apply();

	mvx_fill_head();
	mvx_describe();
	return &S.desc;
}

void mvx_register_failed(long err)
{
	if (err == -EOPNOTSUPP)
		mvx_die("cannot register the monitor: EOPNOTSUPP (is the kmvx module loaded?)");
	if (err == -ENOSYS)
		mvx_die("cannot register the monitor: ENOSYS (a kernel without the mvx patches?)");
	if (err == -E2BIG)
		mvx_die("cannot register the monitor: E2BIG (a kmvx module older than libmvx?)");
	mvx_die_errno("cannot register the monitor", err);
}
