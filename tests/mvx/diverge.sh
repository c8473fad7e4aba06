#!/bin/sh
# Divergence: variants whose calls differ are stopped before the call
# that differs has any effect. mvx-diverge (tests/mvx/diverge.c) makes
# its calls depend on its memory layout, which differs between variants:
# in each case umvx run -n N exits 124, reports "umvx: divergence:" on
# standard error, and what the differing call would have done (a write,
# a file, a program executed) did not happen. Controls: the same program
# in mode "same" exits 0 whatever N, and with one variant, or natively,
# the side effects do happen.
#
# extra and crash diverge only with a probability (diverge.c says which):
# they are run again, a few times, while the variants did not split.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/mvx/lib.sh
new_scratch diverge
require_variants "mvx diverge"
D=$BIN/mvx-diverge

# diverged TEST OUT: the run exited 124 with a divergence report.
diverged() {
	_st=$(cat "$2.status")
	if [ "$_st" -eq 124 ] && grep -q '^umvx: divergence:' "$2.err"; then
		pass "$1: exit 124 and 'umvx: divergence:'"
		return 0
	fi
	fail "$1: exit $_st (want 124), $(grep -c '^umvx: divergence:' "$2.err")" \
		"'umvx: divergence:' lines"
	show "$2.err"
	return 1
}

# no_output TEST OUT WHAT: the run wrote nothing on standard output.
no_output() {
	if [ ! -s "$2" ]; then
		pass "$1: $3 did not happen"
	else
		fail "$1: $3 happened: standard output: $(head -c 200 "$2")"
	fi
}

# files_in DIR: how many files DIR holds.
files_in() {
	find "$1" -mindepth 1 -maxdepth 1 | wc -l | tr -d ' '
}

# Control: no divergence, whatever the number of variants.
for v in 1 2 3 4; do
	variants "$S/same.$v" "$v" "$D" same
	if [ "$(cat "$S/same.$v.status")" -eq 0 ] && [ "$(cat "$S/same.$v")" = same ] &&
		! grep -q '^umvx: divergence:' "$S/same.$v.err"; then
		pass "mvx diverge: same, $v variant(s): exit 0, no divergence"
	else
		fail "mvx diverge: same, $v variant(s): exit $(cat "$S/same.$v.status")"
		show "$S/same.$v.err"
	fi
done

# Controls: natively and as one variant, path creates its file and exec
# executes the program that leaves the marker, so that their absence
# below means something.
# control TEST OUT WANT GOT: passes when GOT is WANT; else shows OUT.err.
control() {
	if [ "$4" = "$3" ]; then
		pass "$1"
	else
		fail "$1: exit, output, files: '$4', want '$3'"
		show "$2.err"
	fi
}
for how in native 1; do
	[ $how = native ] && how_=natively || how_='1 variant'
	if [ $how = native ]; then run_to "$S/path.$how" "$D" path "$S/tmp"
	else variants "$S/path.$how" 1 "$D" path "$S/tmp"; fi
	control "mvx diverge: path, $how_: exit 0, 'created', one file" "$S/path.$how" \
		"0 created 1" \
		"$(cat "$S/path.$how.status") $(cat "$S/path.$how") $(files_in "$S/tmp")"
	if [ $how = native ]; then run_to "$S/exec.$how" "$D" exec "$S/tmp"
	else variants "$S/exec.$how" 1 "$D" exec "$S/tmp"; fi
	control "mvx diverge: exec, $how_: exit 0, 'marked', the marker exists" "$S/exec.$how" \
		"0 marked marker" \
		"$(cat "$S/exec.$how.status") $(cat "$S/exec.$how") $(ls "$S/tmp")"
done

for v in 2 3 4; do
	t="mvx diverge: pointer, $v variants"
	variants "$S/pointer.$v" "$v" "$D" pointer
	diverged "$t" "$S/pointer.$v"
	no_output "$t" "$S/pointer.$v" "the write of the address"

	t="mvx diverge: path, $v variants"
	variants "$S/path.$v" "$v" "$D" path "$S/tmp"
	diverged "$t" "$S/path.$v"
	n=$(files_in "$S/tmp")
	expect "$t: no file was created ($n)" test "$n" -eq 0
	no_output "$t" "$S/path.$v" "the write after it"

	t="mvx diverge: exec, $v variants"
	variants "$S/exec.$v" "$v" "$D" exec "$S/tmp"
	diverged "$t" "$S/exec.$v"
	expect "$t: nothing was executed (no marker)" test ! -e "$S/tmp/marker"
	no_output "$t" "$S/exec.$v" "the executed program's write"
done

# until_split OUT N MODE TRIES: runs MODE as N variants until they split,
# at most TRIES times: a run that exits 0 (every variant went the same
# way, or survived) or 139 (every variant crashed: SIGSEGV) is run again.
# Sets $tries.
until_split() {
	tries=0
	while [ "$tries" -lt "$4" ]; do
		tries=$((tries + 1))
		variants "$1" "$2" "$D" "$3"
		case $(cat "$1.status") in
		0 | 139) ;;
		*) return 0 ;;
		esac
	done
}

# extra: a pair makes as many calls with probability 1/1024.
for v in 2 4; do
	t="mvx diverge: extra, $v variants"
	until_split "$S/extra.$v" "$v" extra 3
	diverged "$t (run $tries)" "$S/extra.$v"
	no_output "$t" "$S/extra.$v" "the write after the calls"
done

# crash: 4 variants do not split with probability 1/8 a run.
t="mvx diverge: crash, 4 variants"
until_split "$S/crash.4" 4 crash 8
diverged "$t (run $tries)" "$S/crash.4"
no_output "$t" "$S/crash.4" "the survivors' write"

# counter: an rdtsc is a step of the sequence like a call; where the
# leader's step is not the follower's, the report names both.
for v in 2 4; do
	t="mvx diverge: counter, $v variants"
	until_split "$S/counter.$v" "$v" counter 12
	diverged "$t (run $tries)" "$S/counter.$v"
	no_output "$t" "$S/counter.$v" "the write after it"
	if grep -q 'rdtsc' "$S/counter.$v.err" && grep -q 'getppid' "$S/counter.$v.err"; then
		pass "$t: the report names rdtsc and getppid"
	else
		fail "$t: the report does not name rdtsc and getppid"
		show "$S/counter.$v.err"
	fi
done

# thread: a second thread's write differs; the report names its thread
# (lane 1) on standard error and in the JSON report, and the first
# thread's write after the join does not happen.
for v in 2 3; do
	t="mvx diverge: thread, $v variants"
	run_to "$S/thread.$v" umvx run -n "$v" --report "$S/thread.$v.json" \
		-- "$D" thread
	diverged "$t" "$S/thread.$v"
	no_output "$t" "$S/thread.$v" "the thread's write and the one after the join"
	if grep -q '^umvx: divergence: .* of thread 1 of variant' "$S/thread.$v.err" &&
	    grep -Eq '"thread": ?1[,}]' "$S/thread.$v.json"; then
		pass "$t: the report names thread 1"
	else
		fail "$t: the report does not name thread 1"
		show "$S/thread.$v.err"
		head -c 400 "$S/thread.$v.json" | sed 's/^/    /'
	fi
done
