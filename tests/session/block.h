/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The self-describing blocks that writer(1) writes and blockcheck reads.
 *
 * A block of SIZE bytes (at least BLOCK_MIN) starts with a header that
 * names who wrote it: the writer's pid, a thread number, a phase number
 * and a sequence number within that thread and phase. Everything after
 * the header is a pattern computed from those four numbers, so the whole
 * block can be regenerated from its header: a block is intact exactly
 * when it equals block_fill() of its own header fields. A torn block (a
 * mix of two writes, a cut write, a stale tail) fails that comparison; a
 * block of zero bytes is a hole, which pwrite at a reserved offset leaves
 * in a file that did not receive the write.
 *
 * Thread numbers: 0..THREADS-1 for the writer's threads, BLOCK_CHILD for
 * the child of -F, BLOCK_SKIP + n for the blocks written with the n-th
 * uncopied method of -x (sendfile, splice, copy_file_range).
 */
#ifndef MVX_TESTS_BLOCK_H
#define MVX_TESTS_BLOCK_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define BLOCK_MAGIC	"MVXBLK1\n"
#define BLOCK_MIN	128
#define BLOCK_MAX	(1 << 20)
#define BLOCK_CHILD	100
#define BLOCK_SKIP	200

struct block_head {
	char magic[8];
	uint32_t size;
	uint32_t pid;
	uint32_t thread;
	uint32_t phase;
	uint32_t seq;
	uint32_t zero;
	/* "thread T phase P block S\n", NUL-padded: for people with od -c. */
	char text[96];
};

_Static_assert(sizeof(struct block_head) <= BLOCK_MIN, "header fits");

/* Fills @buf with the @size-byte block that these fields describe. */
static inline void block_fill(unsigned char *buf, uint32_t size, uint32_t pid,
			      uint32_t thread, uint32_t phase, uint32_t seq)
{
	struct block_head h = {
		.size = size, .pid = pid, .thread = thread,
		.phase = phase, .seq = seq,
	};
	/* xorshift32, seeded from the fields; never seeded with 0. */
	uint32_t x = (thread * 2654435761u) ^ (phase * 40503u) ^
		     (seq * 2246822519u) ^ pid ^ 0x9e3779b9u;

	memcpy(h.magic, BLOCK_MAGIC, sizeof(h.magic));
	snprintf(h.text, sizeof(h.text), "thread %u phase %u block %u\n",
		 thread, phase, seq);
	memcpy(buf, &h, sizeof(h));
	if (!x)
		x = 1;
	for (uint32_t i = sizeof(h); i < size; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (unsigned char)x;
	}
	/* The last byte is a newline, so that `tail -c` output stays sane. */
	buf[size - 1] = '\n';
}

/*
 * Whether the @size bytes at @buf are an intact block; @scratch is a
 * buffer of @size bytes. On success, *@head holds its header.
 */
static inline int block_intact(const unsigned char *buf, uint32_t size,
			       unsigned char *scratch, struct block_head *head)
{
	memcpy(head, buf, sizeof(*head));
	if (memcmp(head->magic, BLOCK_MAGIC, sizeof(head->magic)) ||
	    head->size != size)
		return 0;
	block_fill(scratch, size, head->pid, head->thread, head->phase,
		   head->seq);
	return !memcmp(buf, scratch, size);
}

static inline int block_is_hole(const unsigned char *buf, uint32_t size)
{
	for (uint32_t i = 0; i < size; i++)
		if (buf[i])
			return 0;
	return 1;
}

#endif /* MVX_TESTS_BLOCK_H */
