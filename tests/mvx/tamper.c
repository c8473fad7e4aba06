// SPDX-License-Identifier: GPL-2.0
/*
 * tamper - a variant aims a call at its own monitor's memory: the
 * writable segment of its libmvx.so, which is "[mvx]" once the monitor
 * has registered. Run as --variant builds of one program, the copy named
 * ...-evil aims, the others use a buffer of their own, so that the
 * kernel would have to read or write one variant's monitor for another:
 *
 *   tamper in    write(1, BUF, 64): the monitor's bytes as output
 *   tamper out   read(PIPE, BUF, 64): the leader's bytes into the monitor
 *
 * Prints what the call returned (the leader's view); the group must stop
 * or the call fail, and no monitor byte may reach standard output.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "prog.h"

static void *mvx_data;

static int find_libmvx(struct dl_phdr_info *info, size_t size, void *arg)
{
	int i;

	(void)size;
	(void)arg;
	if (!strstr(info->dlpi_name, "libmvx.so"))
		return 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		/* The monitor's state ends the segment (libmvx/state.h). */
		if (ph->p_type == PT_LOAD && (ph->p_flags & PF_W)) {
			mvx_data = (void *)((info->dlpi_addr + ph->p_vaddr +
					     ph->p_memsz - 8192) & ~4095UL);
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *me = (const char *)getauxval(AT_EXECFN);
	static char own[64] = "a buffer of the program's own, 64 bytes long....\n";
	char *buf = own;
	int p[2];
	ssize_t n;

	prog_start();
	MUST(argc == 2 ? 0 : -1);
	dl_iterate_phdr(find_libmvx, NULL);
	MUST(mvx_data ? 0 : -1);
	if (me && strstr(me, "-evil"))
		buf = mvx_data;
	if (!strcmp(argv[1], "in")) {
		n = write(1, buf, 64);
		printf("\nwrite: %zd\n", n);
	} else {
		MUST(pipe(p));
		MUST(write(p[1], "the leader's bytes", 18));
		n = read(p[0], buf, 64);
		printf("read: %zd%s\n", n, n < 0 ? " (refused)" : "");
	}
	return prog_end();
}
