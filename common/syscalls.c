// SPDX-License-Identifier: GPL-2.0
/*
 * syscalls.c - lookups in the generated system call and errno tables
 */
#include "syscalls.h"

#include <mvx.h>
#include <mvx_syscall_names.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Names glibc has for x86_64 errno values besides the kernel's first. */
static const struct {
	const char *name;
	unsigned int value;
} errno_aliases[] = {
	{ "EWOULDBLOCK", 11 },	/* EAGAIN */
	{ "EDEADLOCK", 35 },	/* EDEADLK */
	{ "ENOTSUP", 95 },	/* EOPNOTSUPP */
};

/* The arguments of the calls seen most (see mvx_syscall_args()). */
static const struct {
	const char *name;
	const char *args;
} syscall_args[] = {
	{ "read", "fpu" },
	{ "write", "fpu" },
	{ "open", "pxo" },
	{ "close", "f" },
	{ "stat", "pp" },
	{ "fstat", "fp" },
	{ "lstat", "pp" },
	{ "poll", "pui" },
	{ "lseek", "fix" },
	{ "mmap", "puxxfu" },
	{ "mprotect", "pux" },
	{ "munmap", "pu" },
	{ "brk", "p" },
	{ "rt_sigaction", "ippu" },
	{ "rt_sigprocmask", "ippu" },
	{ "rt_sigreturn", "" },
	{ "ioctl", "fxp" },
	{ "pread64", "fpui" },
	{ "pwrite64", "fpui" },
	{ "readv", "fpu" },
	{ "writev", "fpu" },
	{ "access", "po" },
	{ "pipe", "p" },
	{ "select", "ipppp" },
	{ "sched_yield", "" },
	{ "mremap", "puuxp" },
	{ "msync", "pux" },
	{ "madvise", "pui" },
	{ "dup", "f" },
	{ "dup2", "ff" },
	{ "pause", "" },
	{ "nanosleep", "pp" },
	{ "getitimer", "ip" },
	{ "alarm", "u" },
	{ "setitimer", "ipp" },
	{ "getpid", "" },
	{ "sendfile", "ffpu" },
	{ "socket", "iix" },
	{ "connect", "fpu" },
	{ "accept", "fpp" },
	{ "sendto", "fpuxpu" },
	{ "recvfrom", "fpuxpp" },
	{ "sendmsg", "fpx" },
	{ "recvmsg", "fpx" },
	{ "shutdown", "fi" },
	{ "bind", "fpu" },
	{ "listen", "fi" },
	{ "getsockname", "fpp" },
	{ "getpeername", "fpp" },
	{ "socketpair", "iixp" },
	{ "setsockopt", "fiipu" },
	{ "getsockopt", "fiipp" },
	{ "clone", "xppup" },
	{ "fork", "" },
	{ "vfork", "" },
	{ "execve", "ppp" },
	{ "exit", "i" },
	{ "wait4", "ipxp" },
	{ "kill", "ii" },
	{ "uname", "p" },
	{ "fcntl", "fix" },
	{ "flock", "fi" },
	{ "fsync", "f" },
	{ "fdatasync", "f" },
	{ "truncate", "pi" },
	{ "ftruncate", "fi" },
	{ "getdents", "fpu" },
	{ "getcwd", "pu" },
	{ "chdir", "p" },
	{ "fchdir", "f" },
	{ "rename", "pp" },
	{ "mkdir", "po" },
	{ "rmdir", "p" },
	{ "creat", "po" },
	{ "link", "pp" },
	{ "unlink", "p" },
	{ "symlink", "pp" },
	{ "readlink", "ppu" },
	{ "chmod", "po" },
	{ "fchmod", "fo" },
	{ "chown", "pii" },
	{ "fchown", "fii" },
	{ "umask", "o" },
	{ "gettimeofday", "pp" },
	{ "getrlimit", "ip" },
	{ "getrusage", "ip" },
	{ "sysinfo", "p" },
	{ "getuid", "" },
	{ "getgid", "" },
	{ "setuid", "i" },
	{ "setgid", "i" },
	{ "geteuid", "" },
	{ "getegid", "" },
	{ "setpgid", "ii" },
	{ "getppid", "" },
	{ "getpgrp", "" },
	{ "setsid", "" },
	{ "rt_sigpending", "pu" },
	{ "rt_sigtimedwait", "pppu" },
	{ "rt_sigsuspend", "pu" },
	{ "sigaltstack", "pp" },
	{ "statfs", "pp" },
	{ "fstatfs", "fp" },
	{ "prctl", "ixxxx" },
	{ "arch_prctl", "ix" },
	{ "setrlimit", "ip" },
	{ "sync", "" },
	{ "gettid", "" },
	{ "tkill", "ii" },
	{ "time", "p" },
	{ "futex", "pixppx" },
	{ "sched_setaffinity", "iup" },
	{ "sched_getaffinity", "iup" },
	{ "getdents64", "fpu" },
	{ "set_tid_address", "p" },
	{ "fadvise64", "fiui" },
	{ "timer_create", "ipp" },
	{ "clock_gettime", "ip" },
	{ "clock_getres", "ip" },
	{ "clock_nanosleep", "ixpp" },
	{ "exit_group", "i" },
	{ "epoll_wait", "fpii" },
	{ "epoll_ctl", "fifp" },
	{ "tgkill", "iii" },
	{ "openat", "dpxo" },
	{ "mkdirat", "dpo" },
	{ "fchownat", "dpiix" },
	{ "newfstatat", "dppx" },
	{ "unlinkat", "dpx" },
	{ "renameat", "dpdp" },
	{ "linkat", "dpdpx" },
	{ "symlinkat", "pdp" },
	{ "readlinkat", "dppu" },
	{ "fchmodat", "dpo" },
	{ "faccessat", "dpo" },
	{ "pselect6", "ipppp" },
	{ "ppoll", "puppu" },
	{ "set_robust_list", "pu" },
	{ "get_robust_list", "ipp" },
	{ "splice", "fpfpux" },
	{ "tee", "ffux" },
	{ "utimensat", "dppx" },
	{ "epoll_pwait", "fpiipu" },
	{ "timerfd_create", "ix" },
	{ "eventfd", "u" },
	{ "fallocate", "fiii" },
	{ "accept4", "fppx" },
	{ "eventfd2", "ux" },
	{ "epoll_create1", "x" },
	{ "dup3", "ffx" },
	{ "pipe2", "px" },
	{ "preadv", "fpuii" },
	{ "pwritev", "fpuii" },
	{ "recvmmsg", "fpuxp" },
	{ "prlimit64", "iipp" },
	{ "sendmmsg", "fpux" },
	{ "getcpu", "ppp" },
	{ "getrandom", "pux" },
	{ "memfd_create", "px" },
	{ "execveat", "dpppx" },
	{ "copy_file_range", "fpfpux" },
	{ "preadv2", "fpuiix" },
	{ "pwritev2", "fpuiix" },
	{ "statx", "dpxxp" },
	{ "rseq", "puxx" },
	{ "clone3", "pu" },
	{ "close_range", "uux" },
	{ "openat2", "dppu" },
	{ "faccessat2", "dpox" },
	{ "epoll_pwait2", "fpippu" },
};

static size_t str_len(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* 1 if the word @w of @n bytes is exactly the string @s. */
static int word_is(const char *w, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || s[i] != w[i])
			return 0;
	return s[n] == '\0';
}

const char *mvx_syscall_name(unsigned long nr)
{
	if (nr == MVX_NR_mvx)
		return "mvx";
	if (nr < MVX_SYSCALL_NAMES_COUNT)
		return mvx_syscall_names[nr];
	return NULL;
}

long mvx_syscall_number(const char *w, size_t n)
{
	unsigned long nr;

	if (word_is(w, n, "mvx"))
		return MVX_NR_mvx;
	for (nr = 0; nr < MVX_SYSCALL_NAMES_COUNT; nr++)
		if (mvx_syscall_names[nr] && word_is(w, n, mvx_syscall_names[nr]))
			return (long)nr;
	return -1;
}

const char *mvx_errno_name(unsigned long e)
{
	return e < MVX_ERRNO_NAMES_COUNT ? mvx_errno_names[e] : NULL;
}

long mvx_errno_number(const char *w, size_t n)
{
	unsigned long i;

	for (i = 0; i < MVX_ERRNO_NAMES_COUNT; i++)
		if (mvx_errno_names[i] && word_is(w, n, mvx_errno_names[i]))
			return (long)i;
	for (i = 0; i < ARRAY_SIZE(errno_aliases); i++)
		if (word_is(w, n, errno_aliases[i].name))
			return errno_aliases[i].value;
	return -1;
}

const char *mvx_syscall_args(unsigned long nr)
{
	const char *name = mvx_syscall_name(nr);
	unsigned long i;

	if (!name)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(syscall_args); i++)
		if (word_is(name, str_len(name), syscall_args[i].name))
			return syscall_args[i].args;
	return NULL;
}
