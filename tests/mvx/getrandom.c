// SPDX-License-Identifier: GPL-2.0
/*
 * getrandom - two draws of 32 bytes and one of 300: their lengths and
 * whether the draws differ. In a group every variant gets the leader's
 * bytes, so they never differ between variants, only between draws; the
 * bytes themselves are never printed.
 */
#define _GNU_SOURCE
#include <sys/random.h>

#include "prog.h"

int main(void)
{
	unsigned char a[32], b[32], c[300];
	ssize_t na, nb, nc;

	prog_start();
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	na = MUST(getrandom(a, sizeof(a), 0));
	nb = MUST(getrandom(b, sizeof(b), GRND_NONBLOCK));
	nc = MUST(getrandom(c, sizeof(c), 0));
	printf("first draw: %zd bytes\n", na);
	printf("second draw: %zd bytes\n", nb);
	printf("third draw: %zd bytes\n", nc);
	printf("the first two differ: %s\n", memcmp(a, b, sizeof(a)) ? "yes" : "no");
	printf("zero bytes: %zd\n", MUST(getrandom(c, 0, 0)));
	return prog_end();
}
