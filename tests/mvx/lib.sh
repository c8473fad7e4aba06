# shellcheck shell=sh
# Helpers of the multi-variant suites (tests/mvx/*.sh); sourced after
# tests/lib/check.sh, not a suite itself. It builds on the monitor
# suites' helpers (tests/monitor/lib.sh: BIN, LIMIT, show, reap...).
#
# The programs are tests/mvx/NAME.c, installed as $BIN/mvx-NAME. Each
# suite works in its own scratch directory $S; programs that need a
# directory of their own get $S/tmp, which every run starts empty.
# Every run is under timeout(1) (LIMIT seconds, MVX_SLOW times longer in
# the sanitizer run), with standard input from /dev/null.
# shellcheck source-path=SCRIPTDIR source=../monitor/lib.sh
. /mvx/tests/monitor/lib.sh

# new_scratch NAME: makes $S, an empty scratch directory, and $S/tmp.
new_scratch() {
	S=/tmp/mvx.$1
	rm -rf "$S"
	mkdir -p "$S/tmp"
}

# run_to OUT CMD...: empties $S/tmp and runs CMD; its standard output in
# OUT, its standard error in OUT.err, its exit status in OUT.status.
run_to() {
	_o=$1
	shift
	rm -rf "$S/tmp"
	mkdir -p "$S/tmp"
	timeout -k 10 "$LIMIT" "$@" >"$_o" 2>"$_o.err" </dev/null
	echo $? >"$_o.status"
}

# variants OUT N PROGRAM ARGS...: run_to OUT "umvx run -n N -- PROGRAM
# ARGS": N variants of PROGRAM in one group.
variants() {
	_o=$1 _vn=$2
	shift 2
	run_to "$_o" umvx run -n "$_vn" -- "$@"
}

# require_variants SUITE: umvx run -n 1 runs a program (mvx-diverge
# same: exit 0, "same" on standard output). A umvx or a kernel without
# groups fails here, once and clearly; when umvx does not even take -n
# (a usage error), the suite ends, since none of its checks could run.
require_variants() {
	variants "$S/probe" 1 "$BIN/mvx-diverge" same
	_ps=$(cat "$S/probe.status")
	if [ "$_ps" -eq 0 ] && [ "$(cat "$S/probe")" = same ]; then
		pass "$1: umvx run -n 1 runs a program"
		return 0
	fi
	fail "$1: umvx run -n is not supported here: 'umvx run -n 1 --" \
		"mvx-diverge same' exits $_ps: $(head -n 1 "$S/probe.err")"
	show "$S/probe.err" 5
	if [ "$_ps" -eq 2 ]; then
		echo "    (a usage error: this umvx has no -n; the suite stops here)"
		exit 1
	fi
	return 1
}

# as_groups LABEL NAME COUNTS CMD...: CMD as a group of each of COUNTS
# variants ($S/NAME.N) exits as CMD did natively ($S/NAME.native, run
# before) and writes the same standard output, byte for byte.
as_groups() {
	_lbl=$1 _name=$2 _counts=$3
	shift 3
	_ns=$(cat "$S/$_name.native.status")
	for _v in $_counts; do
		_r=$S/$_name.$_v
		variants "$_r" "$_v" "$@"
		_vs=$(cat "$_r.status")
		if [ "$_vs" -eq "$_ns" ] && cmp -s "$S/$_name.native" "$_r"; then
			pass "$_lbl $_name: $_v variant(s): the native output and exit status ($_ns)"
			continue
		fi
		fail "$_lbl $_name: $_v variant(s): exit $_vs (natively $_ns)," \
			"output $(cmp -s "$S/$_name.native" "$_r" && echo same || echo differs)"
		diff "$S/$_name.native" "$_r" | head -n 20 | sed 's/^/    /'
		show "$_r.err"
	done
}

# like_native LABEL NAME COUNTS CMD...: CMD natively, then as_groups.
like_native() {
	_ln_lbl=$1 _ln_name=$2 _ln_counts=$3
	shift 3
	run_to "$S/$_ln_name.native" "$@"
	as_groups "$_ln_lbl" "$_ln_name" "$_ln_counts" "$@"
}
