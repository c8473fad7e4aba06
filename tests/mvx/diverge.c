// SPDX-License-Identifier: GPL-2.0
/*
 * diverge - variants that diverge on purpose (tests/mvx/diverge.sh). A
 * program cannot know which variant it is, so the calls depend on the
 * memory layout, which differs between the variants of a group (ASLR).
 *
 * usage: diverge MODE [DIR]
 *   same     writes "same": no divergence (the control)
 *   pointer  writes the address of a local variable: the bytes differ
 *   path     creates DIR/f-HASH and writes "created": the path differs
 *   exec     executes itself as "mark DIR HASH" through a path with HASH % 4
 *            extra "./": the path and the arguments differ
 *   mark     creates DIR/marker and writes "marked" (what exec executes)
 *   extra    makes 1 + HASH % 1024 getppid calls, then writes "done": the
 *            variants' calls differ in number
 *   crash    dereferences NULL (SIGSEGV) when HASH is odd, else writes
 *            "survived" and exits 0
 *   counter  executes rdtsc when HASH is odd, else calls getppid, then
 *            writes "done": an instruction where the leader made a call
 *   thread   a second thread writes the address of its local, then the
 *            first writes "joined": the bytes differ in thread 1
 * Output goes out with write(2) alone, so that the calls are exactly these.
 *
 * HASH mixes the addresses of a local, a heap block and main(), all
 * randomized: two variants share it with probability ~2^-64, so pointer,
 * path and exec diverge for sure. Two variants make as many calls in
 * extra with probability 1/1024; in crash and counter, N variants take
 * the same branch with probability 2^(1-N) (1/8 for 4): the suite
 * retries those.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <x86intrin.h>

static volatile int *volatile nowhere;

static uint64_t mix(uint64_t x)
{
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void say(const char *s);

static void *thread_says(void *arg)
{
	char buf[64];
	int local = 0;

	(void)arg;
	snprintf(buf, sizeof(buf), "%p\n", (void *)&local);
	say(buf);
	return NULL;
}

static void say(const char *s)
{
	if (write(1, s, strlen(s)) < 0)
		exit(2);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "", *dir = argc > 2 ? argv[2] : ".";
	char buf[4096], hex[32], *slash, *args[5];
	int local = 0, fd;
	uint64_t h, i;

	h = mix((uintptr_t)&local) ^ mix((uintptr_t)malloc(16) + 1) ^ mix((uintptr_t)&main + 2);
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
	if (!strcmp(mode, "same")) {
		say("same\n");
	} else if (!strcmp(mode, "pointer")) {
		snprintf(buf, sizeof(buf), "%p\n", (void *)&local);
		say(buf);
	} else if (!strcmp(mode, "path") || !strcmp(mode, "mark")) {
		snprintf(buf, sizeof(buf), "%s/%s%s", dir, *mode == 'p' ? "f-" : "marker",
			 *mode == 'p' ? hex : "");
		fd = open(buf, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0)
			return 3;
		close(fd);
		say(*mode == 'p' ? "created\n" : "marked\n");
	} else if (!strcmp(mode, "exec")) {
		slash = strrchr(argv[0], '/');
		if (!slash)
			return 2;
		snprintf(buf, sizeof(buf), "%.*s/%.*s%s", (int)(slash - argv[0]), argv[0],
			 (int)(h % 4) * 2, "./././", slash + 1);
		args[0] = buf;
		args[1] = "mark";
		args[2] = (char *)dir;
		args[3] = hex;
		args[4] = NULL;
		execve(buf, args, environ);
		return 3;
	} else if (!strcmp(mode, "extra")) {
		for (i = 0; i <= h % 1024; i++)
			syscall(SYS_getppid);
		say("done\n");
	} else if (!strcmp(mode, "counter")) {
		if (h & 1)
			(void)__rdtsc();
		else
			syscall(SYS_getppid);
		say("done\n");
	} else if (!strcmp(mode, "thread")) {
		pthread_t t;

		if (pthread_create(&t, NULL, thread_says, NULL) ||
		    pthread_join(t, NULL))
			return 3;
		say("joined\n");
	} else if (!strcmp(mode, "crash")) {
		if (h & 1)
			return *nowhere;
		say("survived\n");
	} else {
		fprintf(stderr, "usage: diverge same|pointer|path|exec|mark|extra|crash|counter|thread [DIR]\n");
		return 2;
	}
	return 0;
}
