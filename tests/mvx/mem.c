// SPDX-License-Identifier: GPL-2.0
/*
 * mem - each variant's own memory: brk grown and shrunk, anonymous
 * mappings written, made read-only and writable again, partly unmapped,
 * a reservation (PROT_NONE) made usable. Addresses differ between
 * variants and are never printed.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "prog.h"

#define MIB	(1 << 20)
#define PAGE	4096

static unsigned long sum(const unsigned char *p, size_t n)
{
	unsigned long s = 0;

	while (n--)
		s = s * 31 + *p++;
	return s;
}

int main(void)
{
	unsigned char *b0, *b1, *m, *r;
	unsigned long before, after;
	size_t i;

	prog_start();
	/* stdio's buffer first: nothing may take the heap while brk is moved. */
	printf("mem: each variant's own memory\n");
	b0 = sbrk(0);
	b1 = MUST(sbrk(16 * PAGE));
	memset(b1, 0x5a, 16 * PAGE);
	i = b1 == b0 && b1[16 * PAGE - 1] == 0x5a;
	MUST(sbrk(-16 * PAGE));
	printf("brk: grown by 64 KiB from the old end and written: %s, shrunk back: %s\n",
	       i ? "yes" : "no", sbrk(0) == b0 ? "yes" : "no");

	m = MUST(mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	printf("mmap 1 MiB: zero-filled: %s\n", sum(m, MIB) == 0 ? "yes" : "no");
	for (i = 0; i < MIB; i++)
		m[i] = i * 7;
	before = sum(m, MIB);
	MUST(mprotect(m, MIB, PROT_READ));
	after = sum(m, MIB);
	printf("mprotect read-only: the contents stay: %s\n", before == after ? "yes" : "no");
	MUST(mprotect(m + 4 * PAGE, PAGE, PROT_READ | PROT_WRITE));
	m[4 * PAGE] = 1;
	printf("mprotect one page writable again: written: %s\n", m[4 * PAGE] == 1 ? "yes" : "no");
	MUST(munmap(m + 16 * PAGE, 16 * PAGE));
	printf("munmap of a hole: the rest stays: %s\n",
	       m[15 * PAGE] == (unsigned char)(15 * PAGE * 7) &&
	       m[32 * PAGE] == (unsigned char)(32 * PAGE * 7) ? "yes" : "no");
	MUST(munmap(m, MIB));
	printf("munmap of the rest (over the hole): OK\n");

	r = MUST(mmap(NULL, 64 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		      -1, 0));
	MUST(mprotect(r + 8 * PAGE, 8 * PAGE, PROT_READ | PROT_WRITE));
	memset(r + 8 * PAGE, 0xa5, 8 * PAGE);
	printf("a reservation made usable in part: %s\n",
	       r[8 * PAGE] == 0xa5 && r[16 * PAGE - 1] == 0xa5 ? "OK" : "wrong");
	MUST(munmap(r, 64 * PAGE));
	return prog_end();
}
