/* SPDX-License-Identifier: GPL-2.0 */
/*
 * str.h - freestanding string helpers of libmvx
 *
 * libmvx may not call libc, so it has its own small set of string
 * functions: lengths, comparisons, a bounded copy, decimal number
 * parsing, and a buffer that messages are formatted into. None of them
 * makes a system call or touches global state, and none relies on the
 * compiler's builtins (memcpy and memset are libmvx/mem.c's).
 *
 * A "word" is a piece of text given by pointer and length, not
 * NUL-terminated: the policy parser hands out words of the file in
 * place.
 */
#ifndef MVX_STR_H
#define MVX_STR_H

#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

size_t mvx_strlen(const char *s);
size_t mvx_strnlen(const char *s, size_t max);
int mvx_strcmp(const char *a, const char *b);

/* 1 if the word @w of @n bytes is exactly the string @s, else 0. */
int mvx_word_eq(const char *w, size_t n, const char *s);

/* If @s starts with @prefix, what follows it; else NULL. */
const char *mvx_strprefix(const char *s, const char *prefix);

/*
 * Copies @src into @dst of @size bytes, truncating, and always
 * terminates it if @size is not 0. Returns mvx_strlen(@src), as
 * strlcpy() does: a result >= @size means it was truncated.
 */
size_t mvx_strlcpy(char *dst, const char *src, size_t size);

/*
 * Parses the word @w of @n bytes as a decimal number: digits only, no
 * sign, no blanks, at least one digit. Returns 0 and sets *@out, or -1
 * if it is not such a number or does not fit in 64 bits.
 */
int mvx_parse_u64(const char *w, size_t n, uint64_t *out);

/*
 * A message being built in a caller's fixed buffer. Appending never
 * writes past @size and always leaves @p NUL-terminated; what does not
 * fit is dropped and @truncated set.
 */
struct mvx_buf {
	char *p;
	size_t size;
	size_t len;
	int truncated;
};

/* Starts an empty message in @p of @size bytes (@size > 0). */
void mvx_buf_init(struct mvx_buf *b, char *p, size_t size);
void mvx_buf_str(struct mvx_buf *b, const char *s);
void mvx_buf_mem(struct mvx_buf *b, const char *s, size_t n);
void mvx_buf_char(struct mvx_buf *b, char c);
void mvx_buf_u64(struct mvx_buf *b, uint64_t v);
void mvx_buf_s64(struct mvx_buf *b, int64_t v);
/* 0x followed by lowercase hex digits, no leading zeros: 0x0, 0x7ffd10 */
void mvx_buf_hex(struct mvx_buf *b, uint64_t v);

/*
 * Appends at most @max bytes of the word @w of @n bytes, for quoting
 * what a user wrote: bytes that are not printable ASCII become '?', and
 * a longer word is cut and ends in "...".
 */
void mvx_buf_word(struct mvx_buf *b, const char *w, size_t n, size_t max);

#pragma GCC visibility pop

#endif /* MVX_STR_H */
