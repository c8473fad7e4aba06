/* SPDX-License-Identifier: GPL-2.0 */
/*
 * syscalls.h - the x86_64 system call and errno tables of mvx
 *
 * One table, common/syscalls.tbl (names, classes, what each argument
 * is; scripts/gen-syscalls makes it C), and the errno names of the build
 * machine's kernel headers, read through these functions by libmvx (its
 * policy, its messages) and by umvx (-m, -i, --filter). mvx() is part of
 * the table under its own number, MVX_NR_mvx of the uapi header.
 *
 * The code is freestanding: no libc, no allocation, no system call, so
 * that libmvx, which may not call libc, links it as it is.
 */
#ifndef MVX_COMMON_SYSCALLS_H
#define MVX_COMMON_SYSCALLS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The name of x86_64 system call @nr ("openat", "mvx"), or NULL. */
const char *mvx_syscall_name(unsigned long nr);

/*
 * The number of the system call the word @w of @n bytes names (not
 * NUL-terminated), or -1. Names only: numbers are the caller's business.
 */
long mvx_syscall_number(const char *w, size_t n);

/* The name of errno value @e ("EPERM"; the kernel's first name), or NULL. */
const char *mvx_errno_name(unsigned long e);

/*
 * The errno value the word @w of @n bytes names, kernel names and the
 * aliases glibc adds (EWOULDBLOCK, EDEADLOCK, ENOTSUP), or -1.
 */
long mvx_errno_number(const char *w, size_t n);

/* What an argument of a system call is, as one letter (umvx -m). */
enum mvx_arg {
	MVX_ARG_FD	= 'f',	/* a descriptor */
	MVX_ARG_DIRFD	= 'd',	/* a descriptor or AT_FDCWD */
	MVX_ARG_PTR	= 'p',	/* an address */
	MVX_ARG_HEX	= 'x',	/* flags */
	MVX_ARG_NUM	= 'i',	/* a signed number */
	MVX_ARG_UNUM	= 'u',	/* a count or size */
	MVX_ARG_MODE	= 'o',	/* permission bits */
};

/*
 * The arguments of system call @nr, one enum mvx_arg letter each ("" for
 * none), or NULL for a number that is no system call.
 */
const char *mvx_syscall_args(unsigned long nr);

/*
 * The rows of common/syscalls.tbl, whose header says what each class,
 * return kind and argument kind means; the names below are its words.
 */
enum mvx_class {
	MVX_CLASS_LEADER = 1,
	MVX_CLASS_ALL,
	MVX_CLASS_VIRT,
	MVX_CLASS_LOCK,
	MVX_CLASS_REFUSE,
};

enum mvx_ret {
	MVX_RET_INT = 1,
	MVX_RET_FD,
	MVX_RET_PID,
	MVX_RET_ADDR,
	MVX_RET_NONE,
};

enum mvx_kind {
	MVX_KIND_INT = 1,
	MVX_KIND_UINT,
	MVX_KIND_FLAGS,
	MVX_KIND_MODE,
	MVX_KIND_FD,
	MVX_KIND_DIRFD,
	MVX_KIND_PID,
	MVX_KIND_SIG,
	MVX_KIND_ADDR,
	MVX_KIND_OPAQUE,
	MVX_KIND_STR,
	MVX_KIND_STRV,
	MVX_KIND_IN,		/* in=TYPE, in:N, in:N*TYPE */
	MVX_KIND_OUT,		/* out=TYPE, out:N */
	MVX_KIND_OUTR,		/* outr:N, outr:N*TYPE */
	MVX_KIND_IO,		/* io=TYPE, io:N*TYPE */
	MVX_KIND_IOV,
	MVX_KIND_IOVR,
	MVX_KIND_MSG,
	MVX_KIND_MSGR,
	MVX_KIND_MMSG,
	MVX_KIND_MMSGR,
	MVX_KIND_SA,
	MVX_KIND_SAOUT,
	MVX_KIND_FDSET,
};

struct mvx_syscall_arg {
	unsigned char kind;	/* enum mvx_kind */
	signed char count;	/* the argument N of the word, or -1 */
	unsigned short size;	/* bytes of one TYPE (1 for N bytes), or 0 */
};

struct mvx_syscall {
	const char *name;
	unsigned char cls;	/* enum mvx_class */
	unsigned char ret;	/* enum mvx_ret */
	unsigned char nargs;
	struct mvx_syscall_arg arg[6];
	const char *letters;	/* one enum mvx_arg per argument */
};

/* The row of system call @nr, or NULL for a number that is no call. */
const struct mvx_syscall *mvx_syscall(unsigned long nr);

#ifdef __cplusplus
}
#endif

#endif /* MVX_COMMON_SYSCALLS_H */
