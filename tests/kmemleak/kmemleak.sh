#!/bin/sh
# Kernel memory that the run allocated and lost, as kmemleak sees it: on
# the sanitizer kernel only (vm/boot sanitize runs it last, after the
# fuzzer), so that what kmvx and the test modules left behind when they
# were unloaded counts too. Every object kmemleak reports is a failure,
# whoever allocated it: a leak at boot is no proof of innocence, since
# the patch series runs from the first fork on. The one exception is an
# object allocated by start_kernel() itself (the frame is in its
# backtrace): that ran before any task was forked, before any code of
# the series could run (6.1's ACPICA caches are reported so under QEMU);
# it gets a NOTE line. The full report comes first, then one FAIL line
# per object naming its size, the task that allocated it and the first
# frames of the allocation; a frame in a module unloaded since shows as a
# bare address.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
k=/sys/kernel/debug/kmemleak
out=/tmp/kmemleak.out

if [ ! -e "$k" ]; then
	fail "kmemleak: no $k: not the sanitizer kernel"
	exit 1
fi
# An object is reported once a scan finds no pointer to it, if it is at
# least 5 s old and was not written to since the scan before. The second
# scan, after that age, so catches what the last suite leaked and drops
# what was only in flight during the first. A scan ends before the
# write returns; kmemleak refuses it once it has turned itself off (it
# says why at the time, on the console).
if ! { echo scan > "$k" && sleep 6 && echo scan > "$k"; }; then
	fail "kmemleak: the scan was refused: kmemleak is off (see the console log)"
	exit 1
fi
cat "$k" > "$out"
n=$(grep -c '^unreferenced object' "$out")
if [ "$n" -gt 0 ]; then
	echo "kmemleak: $n unreferenced objects:"
	cat "$out"
fi
# One line per object: size, task, then the frames outward from the
# allocator, without offsets, "<" meaning "called from".
awk '
function report() {
	if (size == "")
		return
	if (boot)
		printf "NOTE: kmemleak: %s bytes allocated by start_kernel(), before the first fork: %s\n", size, frames
	else {
		printf "FAIL: kmemleak: %s bytes allocated by %s, not freed: %s\n", size, comm, frames
		failed++
	}
}
/^unreferenced object / {
	report()
	size = $5; sub(/\):$/, "", size)
	comm = "?"; frames = ""; n = 0; boot = 0
	next
}
/^    \[<[^>]*>\] start_kernel\+/ { boot = 1 }
/^  comm / {
	comm = $0; sub(/^  comm /, "", comm); sub(/, jiffies.*/, "", comm)
	next
}
/^    \[<[^>]*>\] / && n < 6 {
	f = $2; sub(/\+0x.*/, "", f)
	if ($3 != "") f = f " " $3
	frames = frames (n++ ? " < " : "") f
}
END {
	report()
	if (!failed)
		print "PASS: kmemleak: no unreferenced object after the suites but start_kernel()\x27s"
	exit failed > 0
}' "$out"
