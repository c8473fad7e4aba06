// SPDX-License-Identifier: GPL-2.0
/*
 * str.c - freestanding string helpers of libmvx (see str.h)
 */
#include "str.h"

size_t mvx_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t mvx_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int mvx_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int mvx_word_eq(const char *w, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != w[i] || !s[i])
			return 0;
	return s[n] == '\0';
}

const char *mvx_strprefix(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return NULL;
	return s;
}

size_t mvx_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = mvx_strlen(src);
	size_t i;

	if (size == 0)
		return n;
	for (i = 0; i < n && i < size - 1; i++)
		dst[i] = src[i];
	dst[i] = '\0';
	return n;
}

int mvx_parse_u64(const char *w, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned int d = (unsigned char)w[i] - '0';

		if (d > 9)
			return -1;
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

void mvx_buf_init(struct mvx_buf *b, char *p, size_t size)
{
	b->p = p;
	b->size = size;
	b->len = 0;
	b->truncated = 0;
	p[0] = '\0';
}

void mvx_buf_char(struct mvx_buf *b, char c)
{
	if (b->len + 1 >= b->size) {
		b->truncated = 1;
		return;
	}
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

void mvx_buf_mem(struct mvx_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		mvx_buf_char(b, s[i]);
}

void mvx_buf_str(struct mvx_buf *b, const char *s)
{
	while (*s)
		mvx_buf_char(b, *s++);
}

/* Appends @v in base @base (10 or 16), most significant digit first. */
static void buf_digits(struct mvx_buf *b, uint64_t v, unsigned int base)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[20];	/* UINT64_MAX has 20 decimal digits */
	int n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	while (n > 0)
		mvx_buf_char(b, tmp[--n]);
}

void mvx_buf_u64(struct mvx_buf *b, uint64_t v)
{
	buf_digits(b, v, 10);
}

void mvx_buf_s64(struct mvx_buf *b, int64_t v)
{
	if (v < 0) {
		mvx_buf_char(b, '-');
		/* -(v + 1) + 1 does not overflow for INT64_MIN */
		buf_digits(b, (uint64_t)-(v + 1) + 1, 10);
		return;
	}
	buf_digits(b, (uint64_t)v, 10);
}

void mvx_buf_hex(struct mvx_buf *b, uint64_t v)
{
	mvx_buf_str(b, "0x");
	buf_digits(b, v, 16);
}

void mvx_buf_word(struct mvx_buf *b, const char *w, size_t n, size_t max)
{
	size_t i;
	size_t shown = n;

	if (n > max)
		shown = max > 3 ? max - 3 : 0;
	for (i = 0; i < shown; i++) {
		unsigned char c = (unsigned char)w[i];

		mvx_buf_char(b, c >= 0x20 && c < 0x7f ? (char)c : '?');
	}
	if (shown < n)
		mvx_buf_str(b, "...");
}
