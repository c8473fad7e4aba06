// SPDX-License-Identifier: GPL-2.0
/*
 * mmapx - the program's own memory stays its own under the monitor:
 * code written into an anonymous mapping runs once mprotect'ed R+X;
 * munmap, mremap (grow in place or moving, MREMAP_FIXED), MAP_FIXED
 * over its mapping and a shared file mapping behave as usual; a write
 * to a read-only page faults with SIGSEGV.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "prog.h"

static sigjmp_buf jump;
static volatile void *fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = si->si_addr;
	siglongjmp(jump, 1);
}

/* Whether writing one byte at @p faults. */
static int write_faults(volatile char *p)
{
	fault_addr = NULL;
	if (sigsetjmp(jump, 1))
		return fault_addr == p;
	*p = 1;
	return 0;
}

static int filled(const char *p, size_t n, char c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

int main(void)
{
	/* mov $42, %eax; ret */
	static const unsigned char code[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };
	long pg = sysconf(_SC_PAGESIZE);
	struct sigaction sa = { 0 };
	char path[] = "/tmp/mvx-mmap.XXXXXX", buf[16];
	char *p, *q, *r, *fixed;
	int (*fn)(void);
	int fd;

	prog_start();
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	MUST(sigaction(SIGSEGV, &sa, NULL));

	p = MUST(mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	memcpy(p, code, sizeof(code));
	MUST(mprotect(p, pg, PROT_READ | PROT_EXEC));
	fn = (int (*)(void))p;
	EXPECT(fn() == 42, "the code returned %d", fn());
	printf("code written to an anonymous page, mprotect R+X, called: %d\n", fn());
	EXPECT(write_faults(p), "writing R+X code did not fault");
	printf("writing to it faults with SIGSEGV at the address\n");
	MUST(mprotect(p, pg, PROT_READ | PROT_WRITE));
	p[1] = 7;
	MUST(mprotect(p, pg, PROT_READ | PROT_EXEC));
	EXPECT(fn() == 7, "the patched code returned %d", fn());
	printf("patched through mprotect RW and back to R+X: %d\n", fn());
	MUST(munmap(p, pg));

	/* 4 pages; unmap the second: the others stay, it is gone. */
	p = MUST(mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	memset(p, 'a', 4 * pg);
	MUST(munmap(p + pg, pg));
	EXPECT(mprotect(p + pg, pg, PROT_READ) == -1 && errno == ENOMEM,
	       "the unmapped page is still mapped");
	EXPECT(filled(p, pg, 'a') && filled(p + 2 * pg, 2 * pg, 'a'), "neighbours changed");
	printf("munmap of a page in the middle: gone, its neighbours intact\n");
	MUST(munmap(p, 4 * pg));

	/* mremap: grow (moving if need be), then move to a fixed place. */
	p = MUST(mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	memset(p, 'b', 2 * pg);
	q = MUST(mremap(p, 2 * pg, 8 * pg, MREMAP_MAYMOVE));
	EXPECT(filled(q, 2 * pg, 'b') && filled(q + 2 * pg, 6 * pg, 0), "grown mapping");
	printf("mremap 2 pages to 8: content kept, new pages zero\n");
	fixed = MUST(mmap(NULL, 8 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	r = MUST(mremap(q, 8 * pg, 8 * pg, MREMAP_MAYMOVE | MREMAP_FIXED, fixed));
	EXPECT(r == fixed && filled(r, 2 * pg, 'b'), "mremap MREMAP_FIXED");
	EXPECT(mprotect(q, pg, PROT_READ) == -1 && errno == ENOMEM, "the old place is mapped");
	printf("mremap MREMAP_FIXED onto another mapping: moved, content kept\n");
	r = MUST(mremap(r, 8 * pg, pg, 0));
	EXPECT(r == fixed && mprotect(r + pg, pg, PROT_READ) == -1, "mremap shrink");
	printf("mremap 8 pages to 1: the rest unmapped\n");

	/* MAP_FIXED over the program's own mapping replaces it. */
	q = MUST(mmap(r, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		      -1, 0));
	EXPECT(q == r && filled(q, pg, 0), "MAP_FIXED");
	printf("mmap MAP_FIXED over its own mapping: a fresh zero page\n");
	MUST(munmap(q, pg));

	/* A shared file mapping and read(2) see the same bytes. */
	fd = MUST(mkstemp(path));
	unlink(path);
	MUST(ftruncate(fd, pg));
	p = MUST(mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	memcpy(p + 100, "shared bytes", 12);
	MUST(msync(p, pg, MS_SYNC));
	EXPECT(pread(fd, buf, 12, 100) == 12 && !memcmp(buf, "shared bytes", 12), "pread");
	MUST(pwrite(fd, "written", 7, 200));
	EXPECT(!memcmp(p + 200, "written", 7), "the mapping does not see pwrite");
	printf("MAP_SHARED file mapping and pread/pwrite agree\n");
	MUST(mprotect(p, pg, PROT_READ));
	EXPECT(write_faults(p + 10), "writing a read-only page did not fault");
	printf("mprotect PROT_READ: a write faults with SIGSEGV\n");
	MUST(munmap(p, pg));
	close(fd);
	return prog_end();
}
