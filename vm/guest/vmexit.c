// SPDX-License-Identifier: GPL-2.0
/*
 * vmexit - end the QEMU VM with a status the host can tell apart.
 *
 * Writes to QEMU's isa-debug-exit device (iobase 0xf4); QEMU then exits
 * with (value << 1) | 1. The host treats 33 as pass and 35 as fail; every
 * other status, including 0 from a panic with -no-reboot, is a failure.
 *
 * usage: vmexit pass|fail
 */
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include <unistd.h>

#define DEBUG_EXIT_PORT	0xf4

int main(int argc, char **argv)
{
	unsigned char value;

	if (argc != 2 || (strcmp(argv[1], "pass") && strcmp(argv[1], "fail"))) {
		fprintf(stderr, "usage: vmexit pass|fail\n");
		return 2;
	}
	value = strcmp(argv[1], "pass") ? 0x11 : 0x10;

	sync();
	if (ioperm(DEBUG_EXIT_PORT, 1, 1)) {
		perror("vmexit: ioperm");
		return 1;
	}
	outb(value, DEBUG_EXIT_PORT);
	return 1;	/* not reached when the device exists */
}
