/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reporting for the programs of the monitor suites (tests/monitor/NAME.sh).
 *
 * A program prints what it observed on standard output, in words that do
 * not depend on the run (no pids, addresses, times), so that the output
 * of a monitored run can be compared byte for byte with that of an
 * unmonitored one. A check that fails says why on standard error, where
 * run-dependent values are welcome, and makes the program exit 1.
 */
#ifndef MVX_TESTS_MONITOR_PROG_H
#define MVX_TESTS_MONITOR_PROG_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int prog_failures;

/* Line-buffered output: nothing is written twice by a forked child. */
static inline void prog_start(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}

static inline int prog_end(void)
{
	fflush(stdout);
	return prog_failures ? 1 : 0;
}

/* EXPECT(COND, FMT, ...): when COND is false, says so on stderr. */
#define EXPECT(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: %s: ", __FILE__,	\
				__LINE__, #cond);			\
			fprintf(stderr, __VA_ARGS__);			\
			fputc('\n', stderr);				\
			prog_failures++;				\
		}							\
	} while (0)

/* A call that must succeed: on failure says which and errno, and exits. */
#define MUST(call)							\
	({								\
		__typeof__(call) r_ = (call);				\
		if (r_ == (__typeof__(call))-1) {			\
			fprintf(stderr, "%s:%d: %s: %s\n", __FILE__,	\
				__LINE__, #call, strerror(errno));	\
			exit(2);					\
		}							\
		r_;							\
	})

#endif /* MVX_TESTS_MONITOR_PROG_H */
