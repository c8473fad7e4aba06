// SPDX-License-Identifier: GPL-2.0
/*
 * interpose - with libinterpose.so preloaded (after libmvx.so under
 * umvx run), makes exactly K explicit calls to write, memcpy, malloc,
 * calloc, realloc and free among many system calls the monitor
 * forwards, and checks that libinterpose counted exactly K of each: the
 * monitor never calls the program's functions.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "prog.h"

#define K	100
#define SYSCALLS_PER_CALL	10

struct interpose_counts {
	unsigned long write, memcpy, malloc, free, calloc, realloc;
};

/* Through pointers, so the compiler cannot inline or drop the calls. */
static ssize_t (*volatile do_write)(int, const void *, size_t) = write;
static void *(*volatile do_memcpy)(void *, const void *, size_t) = memcpy;
static void *(*volatile do_malloc)(size_t) = malloc;
static void *(*volatile do_calloc)(size_t, size_t) = calloc;
static void *(*volatile do_realloc)(void *, size_t) = realloc;
static void (*volatile do_free)(void *) = free;

static void some_system_calls(void)
{
	int i;

	for (i = 0; i < SYSCALLS_PER_CALL; i++) {
		syscall(SYS_getpid);
		syscall(SYS_getppid);
	}
}

int main(void)
{
	void (*get)(struct interpose_counts *);
	struct interpose_counts a, b;
	char src[64] = "interposed", dst[64];
	void *p[K];
	int fd, i, errs = 0;

	prog_start();
	get = (void (*)(struct interpose_counts *))dlsym(RTLD_DEFAULT, "interpose_get");
	EXPECT(get != NULL, "libinterpose.so is not loaded");
	if (!get)
		return prog_end();
	fd = MUST(open("/dev/null", O_WRONLY | O_CLOEXEC));
	printf("libinterpose.so is loaded\n");

	/* From here to the second count: no call but the counted ones. */
	get(&a);
	for (i = 0; i < K; i++) {
		some_system_calls();
		errs += do_write(fd, src, 10) != 10;
		some_system_calls();
		errs += do_memcpy(dst, src, sizeof(src)) != dst;
		p[i] = do_malloc(32 + i);
		errs += p[i] == NULL;
		some_system_calls();
	}
	for (i = 0; i < K; i++) {
		p[i] = do_realloc(p[i], 4096 + i);
		some_system_calls();
		do_free(p[i]);
		p[i] = do_calloc(4, 8);
		errs += p[i] == NULL;
		do_free(p[i]);
	}
	get(&b);

	EXPECT(errs == 0, "%d calls failed", errs);
	EXPECT(!strcmp(dst, "interposed"), "memcpy did not copy");
	printf("%d x write, memcpy, malloc, realloc, calloc; %d x free; %d forwarded system calls\n",
	       K, 2 * K, K * 4 * 2 * SYSCALLS_PER_CALL);
#define COUNT(f, want)							\
	do {								\
		EXPECT(b.f - a.f == (want), #f ": %lu calls counted, not %d", \
		       b.f - a.f, (want));				\
		printf("%s: %lu calls counted\n", #f, b.f - a.f);	\
	} while (0)
	COUNT(write, K);
	COUNT(memcpy, K);
	COUNT(malloc, K);
	COUNT(realloc, K);
	COUNT(calloc, K);
	COUNT(free, 2 * K);
	close(fd);
	return prog_end();
}
