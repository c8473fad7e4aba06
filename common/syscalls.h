/* SPDX-License-Identifier: GPL-2.0 */
/*
 * syscalls.h - the x86_64 system call and errno tables of mvx
 *
 * One table, generated from the kernel headers of the build machine
 * (scripts/gen-syscalls), read through these functions by libmvx (its
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

/* What an argument of a system call is, as one letter. */
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
 * The arguments of system call @nr, one enum mvx_arg letter each, from
 * its x86_64 kernel prototype ("" for none), or NULL for a call the
 * table does not describe yet.
 */
const char *mvx_syscall_args(unsigned long nr);

#ifdef __cplusplus
}
#endif

#endif /* MVX_COMMON_SYSCALLS_H */
