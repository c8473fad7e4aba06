// SPDX-License-Identifier: GPL-2.0
/*
 * files - a file in DIR (argv[1]): created, written, positioned, read
 * back with read and pread, overwritten with pwrite, described by fstat,
 * fstatat and statx, its offset shared with a dup, then removed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prog.h"

int main(int argc, char **argv)
{
	static const char msg[] = "hello, variants: one file for all\n";
	struct stat st;
	struct statx stx;
	char buf[128];
	int dir, fd, d;
	ssize_t n;

	prog_start();
	if (argc != 2) {
		fprintf(stderr, "usage: files DIR\n");
		return 2;
	}
	dir = MUST(open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	fd = MUST(openat(dir, "data", O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
	n = MUST(write(fd, msg, strlen(msg)));
	printf("write: %zd bytes, offset now %ld\n", n, (long)MUST(lseek(fd, 0, SEEK_CUR)));
	n = MUST(pwrite(fd, "HELLO", 5, 0));
	printf("pwrite at 0: %zd bytes, offset still %ld\n", n,
	       (long)MUST(lseek(fd, 0, SEEK_CUR)));
	n = MUST(pread(fd, buf, 8, 7));
	printf("pread 8 at 7: '%.*s'\n", (int)n, buf);
	printf("lseek to 0: %ld\n", (long)MUST(lseek(fd, 0, SEEK_SET)));
	n = MUST(read(fd, buf, sizeof(buf)));
	printf("read: %zd bytes: %.*s", n, (int)n, buf);
	printf("read at the end: %zd\n", MUST(read(fd, buf, sizeof(buf))));
	MUST(fstat(fd, &st));
	printf("fstat: regular %d, size %lld\n", S_ISREG(st.st_mode), (long long)st.st_size);

	d = MUST(dup(fd));
	MUST(lseek(d, 3, SEEK_SET));
	printf("a dup shares the offset: %ld\n", (long)lseek(fd, 0, SEEK_CUR));
	MUST(close(d));
	MUST(close(fd));

	MUST(fstatat(dir, "data", &st, 0));
	printf("fstatat: size %lld, mode %o\n", (long long)st.st_size, st.st_mode & 0777);
	MUST(statx(dir, "data", 0, STATX_SIZE | STATX_TYPE, &stx));
	printf("statx: size %llu, regular %d\n", (unsigned long long)stx.stx_size,
	       S_ISREG(stx.stx_mode));
	MUST(unlinkat(dir, "data", 0));
	d = fstatat(dir, "data", &st, 0);
	printf("after unlink: fstatat %d (%s)\n", d, strerror(errno));
	fd = openat(dir, "data", O_RDONLY | O_CLOEXEC);
	printf("after unlink: openat %d (%s)\n", fd, strerror(errno));
	MUST(close(dir));
	return prog_end();
}
