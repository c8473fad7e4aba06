// SPDX-License-Identifier: GPL-2.0
/*
 * exec.c - refuse to execute a program that cannot be monitored
 *
 * After execve the kernel waits for the new program's libmvx to
 * register; a program that never loads it would run unmonitored. The
 * check reads the program's ELF headers (and a script's interpreter's)
 * and the environment the call passes. Pointers come from the program,
 * so they are read with process_vm_readv, which fails cleanly on a bad
 * address instead of faulting in the monitor. The file is checked by
 * name before the kernel opens it again; see the threat model in
 * doc/MONITOR.md.
 */
#include <elf.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <asm/stat.h>
#include <linux/uio.h>
#include <asm/unistd.h>

#include "exec.h"
#include "report.h"
#include "state.h"
#include "sys.h"

#define MVX_PATH_LEN	4096
#define MVX_ENV_MAX	4096	/* environment entries looked at */

enum mvx_kind { MVX_BAD, MVX_STATIC, MVX_DYNAMIC, MVX_SCRIPT };

/*
 * Copies @n bytes at the program's @src. Returns 0, -EFAULT for memory
 * the program could not pass either, or another error if the kernel
 * cannot copy at all (then nothing can be checked).
 */
static long mvx_peek(void *dst, unsigned long src, unsigned long n)
{
	struct iovec local = { dst, n }, remote = { (void *)src, n };
	long ret;

	ret = mvx_sys6(__NR_process_vm_readv, S.ring.pid, (long)&local, 1,
		       (long)&remote, 1, 0);
	if (ret == (long)n)
		return 0;
	return ret < 0 ? ret : -EFAULT;
}

/* Copies the program's string at @src; returns its length or an error. */
static long mvx_peek_str(char *dst, unsigned long src, unsigned long max)
{
	unsigned long i;
	long ret;

	for (i = 0; i < max; i++) {
		ret = mvx_peek(dst + i, src + i, 1);
		if (ret)
			return ret;
		if (!dst[i])
			return i;
	}
	return -ENAMETOOLONG;
}

static enum mvx_kind mvx_kind_of(long fd, char *interp, unsigned long max)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	long n, i;

	n = mvx_sys6(__NR_pread64, fd, (long)&eh, sizeof(eh), 0, 0, 0);
	if (n >= 2 && ((char *)&eh)[0] == '#' && ((char *)&eh)[1] == '!') {
		n = mvx_sys6(__NR_pread64, fd, (long)interp, max - 1, 2, 0, 0);
		if (n <= 0)
			return MVX_BAD;
		interp[n] = 0;
		for (i = 0; interp[i] == ' ' || interp[i] == '\t'; i++)
			;
		mvx_strlcpy(interp, interp + i, max);
		for (i = 0; interp[i] && interp[i] != ' ' &&
			    interp[i] != '\t' && interp[i] != '\n'; i++)
			;
		interp[i] = 0;
		return MVX_SCRIPT;
	}
	if (n != sizeof(eh) || eh.e_ident[EI_MAG0] != ELFMAG0 ||
	    eh.e_ident[EI_MAG1] != ELFMAG1 || eh.e_ident[EI_MAG2] != ELFMAG2 ||
	    eh.e_ident[EI_MAG3] != ELFMAG3 || eh.e_ident[EI_CLASS] != ELFCLASS64)
		return MVX_BAD;
	for (i = 0; i < eh.e_phnum && i < 256; i++) {
		n = mvx_sys6(__NR_pread64, fd, (long)&ph, sizeof(ph),
			     eh.e_phoff + i * sizeof(ph), 0, 0);
		if (n != sizeof(ph))
			return MVX_BAD;
		if (ph.p_type == PT_INTERP)
			return MVX_DYNAMIC;
	}
	return MVX_STATIC;
}

static int mvx_setid(long fd)
{
	struct stat st;

	if (mvx_sys3(__NR_fstat, fd, (long)&st, 0))
		return 0;
	return (st.st_mode & S_ISUID) ||
	       ((st.st_mode & S_ISGID) && (st.st_mode & S_IXGRP));
}

/* What the program at @dirfd/@path is; a script is judged by its interpreter. */
static enum mvx_kind mvx_program_kind(long dirfd, const char *path, int empty)
{
	char *interp = S.scratch + MVX_PATH_LEN;
	enum mvx_kind kind;
	long fd;

	if (empty)
		fd = mvx_sys3(__NR_fcntl, dirfd, F_DUPFD_CLOEXEC, 0);
	else
		fd = mvx_sys6(__NR_openat, dirfd, (long)path,
			      O_RDONLY | O_CLOEXEC, 0, 0, 0);
	if (fd < 0)
		return MVX_BAD;
	kind = mvx_kind_of(fd, interp, MVX_PATH_LEN);
	/* The loader ignores LD_PRELOAD for set-user-ID and -group-ID. */
	if (kind == MVX_DYNAMIC && mvx_setid(fd))
		kind = MVX_STATIC;
	mvx_sys1(__NR_close, fd);
	if (kind != MVX_SCRIPT)
		return kind;

	fd = mvx_sys6(__NR_openat, AT_FDCWD, (long)interp, O_RDONLY | O_CLOEXEC,
		      0, 0, 0);
	if (fd < 0)
		return MVX_BAD;
	kind = mvx_kind_of(fd, interp, MVX_PATH_LEN);
	mvx_sys1(__NR_close, fd);
	return kind == MVX_SCRIPT ? MVX_BAD : kind;
}

/* Whether the environment at @envp has LD_PRELOAD naming libmvx.so. */
static int mvx_env_preloads(unsigned long envp)
{
	char *e = S.scratch + 2 * MVX_PATH_LEN;
	unsigned long p;
	const char *v;
	long i, n;

	for (i = 0; envp && i < MVX_ENV_MAX; i++) {
		if (mvx_peek(&p, envp + i * sizeof(p), sizeof(p)) || !p)
			return 0;
		n = mvx_peek_str(e, p, MVX_PATH_LEN);
		if (n < 0)
			continue;
		v = mvx_strprefix(e, "LD_PRELOAD=");
		for (; v && *v; v++)
			if (mvx_strprefix(v, "libmvx.so"))
				return 1;
	}
	return 0;
}

long mvx_exec_check(const struct mvx_call *c)
{
	int at = c->nr == __NR_execveat;
	unsigned long path = at ? c->args[1] : c->args[0];
	unsigned long envp = at ? c->args[3] : c->args[2];
	int empty = at && (c->args[4] & AT_EMPTY_PATH);
	char *name = S.scratch;
	struct mvx_buf b;
	char msg[MVX_PATH_LEN + 128];
	enum mvx_kind kind;
	long n;

	if (S.allow_unmonitored_exec)
		return 0;
	n = mvx_peek_str(name, path, MVX_PATH_LEN);
	if (n == -EFAULT || n == -ENAMETOOLONG)
		return 0;	/* the kernel fails the call the same way */
	if (n < 0) {
		mvx_say("cannot check an executed program: process_vm_readv fails");
		return -EPERM;
	}
	empty = empty && !*name;
	kind = mvx_program_kind(at ? (long)(int)c->args[0] : AT_FDCWD, name,
				empty);
	if (empty)
		mvx_strlcpy(name, "(descriptor)", MVX_PATH_LEN);
	if (kind == MVX_BAD)
		return 0;	/* the kernel reports why it cannot run it */
	if (kind == MVX_DYNAMIC && mvx_env_preloads(envp))
		return 0;

	mvx_buf_init(&b, msg, sizeof(msg));
	mvx_buf_str(&b, "refusing to execute ");
	mvx_buf_str(&b, name);
	mvx_buf_str(&b, ": it cannot load libmvx (use --allow-unmonitored-exec)");
	mvx_say(msg);
	return -EPERM;
}
