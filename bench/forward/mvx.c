// SPDX-License-Identifier: GPL-2.0
/*
 * forward-mvx - the forwarding benchmarks' loop for libmvx: the same
 * calls as forward-native, in a dynamically linked program so that it
 * can preload libmvx.so. bench/run runs it plain, with getpid and write
 * exempt, and with both forwarded to the monitor.
 *
 *   forward-mvx [CALLS]
 *
 * See loop.h for what is timed and printed.
 */
#include "loop.h"

int main(int argc, char **argv)
{
	long calls = fwd_args("mvx", argc, argv, 200000);

	fwd_measure(calls, fwd_open_null());
	return 0;
}
