// SPDX-License-Identifier: GPL-2.0
/*
 * manycalls - COUNT (argv[1], default 100000) getppid calls, each a
 * system call (no caching), all with the same answer; prints the count.
 */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <unistd.h>

#include "prog.h"

int main(int argc, char **argv)
{
	long count = argc > 1 ? atol(argv[1]) : 100000, i, same = 0;
	long first = syscall(SYS_getppid);

	prog_start();
	for (i = 0; i < count; i++)
		if (syscall(SYS_getppid) == first)
			same++;
	printf("%ld getppid calls, %ld with the first one's answer\n", count, same);
	EXPECT(same == count, "%ld of %ld", same, count);
	return prog_end();
}
