// SPDX-License-Identifier: GPL-2.0
/*
 * libinterpose.so - preloaded after libmvx.so by interpose.c: interposes
 * write, memcpy, malloc, free, calloc and realloc, forwards each to the
 * next definition (dlsym(RTLD_NEXT)) and counts the calls. The counts
 * tell whether anyone but the program called them; libmvx must not.
 *
 * dlsym may itself allocate: until the real functions are known, the
 * allocations come from a small static arena (never freed).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#define EXPORT	__attribute__((visibility("default")))

struct interpose_counts {
	unsigned long write, memcpy, malloc, free, calloc, realloc;
};

static _Atomic unsigned long n_write, n_memcpy, n_malloc, n_free, n_calloc, n_realloc;

static ssize_t (*real_write)(int, const void *, size_t);
static void *(*real_memcpy)(void *, const void *, size_t);
static void *(*real_malloc)(size_t);
static void (*real_free)(void *);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);

static _Alignas(16) unsigned char arena[8192];
static size_t arena_used;
static int resolving;

static void *arena_alloc(size_t n)
{
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (arena_used + n > sizeof(arena))
		return NULL;
	p = arena + arena_used;
	arena_used += n;
	return p;
}

static int in_arena(const void *p)
{
	return (const unsigned char *)p >= arena && (const unsigned char *)p < arena + sizeof(arena);
}

static void resolve(void)
{
	if (real_realloc || resolving)
		return;
	resolving = 1;
	real_write = dlsym(RTLD_NEXT, "write");
	real_memcpy = dlsym(RTLD_NEXT, "memcpy");
	real_malloc = dlsym(RTLD_NEXT, "malloc");
	real_free = dlsym(RTLD_NEXT, "free");
	real_calloc = dlsym(RTLD_NEXT, "calloc");
	real_realloc = dlsym(RTLD_NEXT, "realloc");
	resolving = 0;
}

__attribute__((constructor)) static void init(void)
{
	resolve();
}

EXPORT void interpose_get(struct interpose_counts *c)
{
	c->write = n_write;
	c->memcpy = n_memcpy;
	c->malloc = n_malloc;
	c->free = n_free;
	c->calloc = n_calloc;
	c->realloc = n_realloc;
}

EXPORT ssize_t write(int fd, const void *buf, size_t n)
{
	n_write++;
	resolve();
	return real_write(fd, buf, n);
}

EXPORT void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	n_memcpy++;
	resolve();
	if (real_memcpy)
		return real_memcpy(d, s, n);
	while (n--)
		*dp++ = *sp++;
	return d;
}

EXPORT void *malloc(size_t n)
{
	n_malloc++;
	resolve();
	return real_malloc ? real_malloc(n) : arena_alloc(n);
}

EXPORT void free(void *p)
{
	n_free++;
	if (!p || in_arena(p))
		return;
	resolve();
	real_free(p);
}

EXPORT void *calloc(size_t k, size_t n)
{
	n_calloc++;
	resolve();
	if (!real_calloc) {
		/* The arena is zero and never reused. */
		return n && k > SIZE_MAX / n ? NULL : arena_alloc(k * n);
	}
	return real_calloc(k, n);
}

EXPORT void *realloc(void *p, size_t n)
{
	void *q;

	n_realloc++;
	resolve();
	if (!in_arena(p))
		return real_realloc(p, n);
	q = real_malloc(n);
	if (q)
		real_memcpy(q, p, n < sizeof(arena) - ((unsigned char *)p - arena) ?
			    n : sizeof(arena) - ((unsigned char *)p - arena));
	return q;
}
