#!/bin/sh
# Threads in a group (umvx run -n N): thread k of every variant pairs
# with thread k of the others (a lane, with its own sequence of calls),
# the variants' threads wait for each other through futexes of their own
# (outside the sequences), and a signal sent to one thread is taken by
# that thread in every variant. mvx-threads (tests/mvx/threads.c) prints
# what its threads computed after joining them: each mode, with 4 and
# with 8 threads, exits 0 with the native output at N = 1 to 4, and all
# of the modes in one program run 100 times at N = 3 without a false
# divergence.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/mvx/lib.sh
new_scratch threads
require_variants "mvx threads"

for _mode in mutex rwlock spin cond barrier calls signal; do
	for _t in 4 8; do
		like_native "mvx threads:" "$_mode-$_t" "1 2 3 4" \
			"$BIN/mvx-threads" "$_mode" "$_t"
	done
done

# 100 runs of every mode at N = 3, each as natively.
run_to "$S/all.native" "$BIN/mvx-threads" all 6
_bad=0 _first=
_i=0
while [ $_i -lt "${MVX_THREAD_RUNS:-100}" ]; do
	_i=$((_i + 1))
	variants "$S/all.run" 3 "$BIN/mvx-threads" all 6
	if [ "$(cat "$S/all.run.status")" -ne 0 ] ||
	    ! cmp -s "$S/all.native" "$S/all.run"; then
		_bad=$((_bad + 1))
		if [ -z "$_first" ]; then
			_first=$_i
			cp "$S/all.run.err" "$S/all.first.err"
			cp "$S/all.run" "$S/all.first"
		fi
	fi
done
if [ $_bad -eq 0 ]; then
	pass "mvx threads: every mode, 6 threads, $_i runs at 3 variants: no divergence, the native output"
else
	fail "mvx threads: every mode, 6 threads, $_i runs at 3 variants: $_bad differ (the first: run $_first)"
	diff "$S/all.native" "$S/all.first" | head -n 10 | sed 's/^/    /'
	show "$S/all.first.err"
fi
