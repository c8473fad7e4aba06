// SPDX-License-Identifier: GPL-2.0
/*
 * syscalls.c - lookups in the generated system call and errno tables
 */
#include "syscalls.h"

#include <mvx.h>
#include <mvx_syscall_table.h>

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

/* 1 if the word @w of @n bytes is exactly the string @s. */
static int word_is(const char *w, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || s[i] != w[i])
			return 0;
	return s[n] == '\0';
}

const struct mvx_syscall *mvx_syscall(unsigned long nr)
{
	if (nr < MVX_SYSCALL_TABLE_COUNT && mvx_syscall_table[nr].name)
		return &mvx_syscall_table[nr];
	return NULL;
}

const char *mvx_syscall_name(unsigned long nr)
{
	const struct mvx_syscall *s = mvx_syscall(nr);

	if (s)
		return s->name;
	/* The instructions a group numbers in its sequence of calls. */
	if (nr == MVX_NR_RDTSC)
		return "rdtsc";
	if (nr == MVX_NR_RDTSCP)
		return "rdtscp";
	return NULL;
}

long mvx_syscall_number(const char *w, size_t n)
{
	unsigned long nr;

	for (nr = 0; nr < MVX_SYSCALL_TABLE_COUNT; nr++)
		if (mvx_syscall_table[nr].name &&
		    word_is(w, n, mvx_syscall_table[nr].name))
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
	const struct mvx_syscall *s = mvx_syscall(nr);

	return s ? s->letters : NULL;
}
