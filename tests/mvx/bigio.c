// SPDX-License-Identifier: GPL-2.0
/*
 * bigio - 1 MiB written to a file in DIR (argv[1]) with one write(), read
 * back in pieces of 100000 bytes and with a pread of its last 4 KiB;
 * prints the FNV-1a checksum of what came back.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prog.h"

#define SIZE	(1 << 20)
#define PIECE	100000

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

int main(int argc, char **argv)
{
	unsigned char *out = malloc(SIZE), *in = malloc(SIZE), tail[4096];
	uint32_t x = 12345;
	size_t have = 0;
	int fd, reads = 0;
	struct stat st;
	ssize_t n;

	prog_start();
	if (argc != 2 || !out || !in || chdir(argv[1])) {
		fprintf(stderr, "usage: bigio DIR\n");
		return 2;
	}
	for (n = 0; n < SIZE; n++) {
		x = x * 1103515245 + 12345;
		out[n] = x >> 16;
	}
	fd = MUST(open("big", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
	n = MUST(write(fd, out, SIZE));
	printf("write: %zd bytes in one call\n", n);
	MUST(fstat(fd, &st));
	printf("fstat: size %lld\n", (long long)st.st_size);
	MUST(lseek(fd, 0, SEEK_SET));
	while ((n = MUST(read(fd, in + have, have + PIECE > SIZE ? SIZE - have : PIECE))) > 0) {
		have += n;
		reads++;
		if (have == SIZE)
			break;
	}
	printf("read back: %zu bytes in %d reads, same: %s\n", have, reads,
	       have == SIZE && !memcmp(in, out, SIZE) ? "yes" : "no");
	printf("checksum: %016llx\n", (unsigned long long)fnv1a(in, have));
	n = MUST(pread(fd, tail, sizeof(tail), SIZE - sizeof(tail)));
	printf("pread of the last %zd bytes: same: %s\n", n,
	       !memcmp(tail, out + SIZE - sizeof(tail), sizeof(tail)) ? "yes" : "no");
	MUST(close(fd));
	MUST(unlink("big"));
	free(in);
	free(out);
	return prog_end();
}
