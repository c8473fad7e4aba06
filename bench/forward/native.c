// SPDX-License-Identifier: GPL-2.0
/*
 * forward-native - the forwarding benchmarks' reference: getpid and
 * 64-byte writes to /dev/null with nothing intercepting them.
 *
 *   forward-native [CALLS]
 *
 * See loop.h for what is timed and printed.
 */
#include "loop.h"

int main(int argc, char **argv)
{
	long calls = fwd_args("native", argc, argv, 200000);

	fwd_measure(calls, fwd_open_null());
	return 0;
}
