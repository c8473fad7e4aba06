/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal result reporting for the in-VM test programs. Each check prints
 * one "PASS: name" or "FAIL: name: detail" line; the VM runner counts them.
 */
#ifndef MVX_TESTS_CHECK_H
#define MVX_TESTS_CHECK_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int check_failures;

__attribute__((format(printf, 2, 3)))
static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", ok ? "PASS" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		check_failures++;
}

/* A call that must fail with errno @want; @ret is its return value. */
#define CHECK_ERRNO(ret, want, name)					\
	do {								\
		int e_ = errno;						\
		check((ret) == -1 && e_ == (want), "%s: %s (got %ld, %s)", \
		      name, strerrorname_np(want), (long)(ret),		\
		      (ret) == -1 ? strerrorname_np(e_) : "success");	\
	} while (0)

#endif /* MVX_TESTS_CHECK_H */
