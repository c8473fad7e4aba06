// SPDX-License-Identifier: GPL-2.0
/*
 * urandom - /dev/urandom: a character device, two reads of 16 bytes that
 * differ. Only lengths and comparisons are printed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prog.h"

int main(void)
{
	unsigned char a[16], b[16];
	struct stat st;
	ssize_t na, nb;
	int fd;

	prog_start();
	fd = MUST(open("/dev/urandom", O_RDONLY | O_CLOEXEC));
	MUST(fstat(fd, &st));
	printf("/dev/urandom is a character device: %s\n", S_ISCHR(st.st_mode) ? "yes" : "no");
	na = MUST(read(fd, a, sizeof(a)));
	nb = MUST(read(fd, b, sizeof(b)));
	printf("read: %zd bytes, then %zd bytes\n", na, nb);
	printf("they differ: %s\n", memcmp(a, b, sizeof(a)) ? "yes" : "no");
	MUST(close(fd));
	return prog_end();
}
