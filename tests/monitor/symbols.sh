#!/bin/sh
# Host test (ctest monitor.libmvx-symbols): libmvx.so imports no symbol
# at all and exports no function but those the loader calls (_init,
# _fini); version definitions (absolute symbols) are allowed. A program
# can thus neither interpose on libmvx nor call into it.
#
# usage: symbols.sh LIBMVX_SO
set -u
lib=$1
if [ ! -f "$lib" ]; then
	echo "FAIL: $lib does not exist"
	exit 1
fi
status=0
undef=$(nm -D --undefined-only "$lib" 2>/dev/null) || {
	echo "FAIL: nm -D $lib failed"
	exit 1
}
if [ -n "$undef" ]; then
	echo "FAIL: libmvx.so imports symbols:"
	echo "$undef" | sed 's/^/    /'
	status=1
else
	echo "PASS: libmvx.so imports no symbol"
fi
defined=$(nm -D --defined-only "$lib" 2>/dev/null) || exit 1
extra=$(echo "$defined" | awk 'NF >= 2 {
	type = $(NF - 1); name = $NF
	if (type == "A") next
	if (name == "_init" || name == "_fini") next
	print
}')
if [ -n "$extra" ]; then
	echo "FAIL: libmvx.so exports more than the loader needs:"
	echo "$extra" | sed 's/^/    /'
	status=1
else
	echo "PASS: libmvx.so exports nothing but what the loader needs"
fi
exit $status
