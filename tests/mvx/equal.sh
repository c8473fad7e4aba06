#!/bin/sh
# Programs run as a group of N variants (umvx run -n N, N = 1 to 4)
# behave as they do natively: each program runs once natively, where it
# must exit with the status it is known to, then once per N, and each
# group run must exit with the native status and write the same standard
# output, byte for byte (the leader writes it; the followers' writes are
# the leader's). The programs (tests/mvx/*.c) are single-threaded, get
# no signal they do not send their own children, and call nothing the
# vDSO answers; fork runs children (fork, vfork, posix_spawn of dash),
# and dash runs scripts with subshells, pipes and programs.
#
# ids prints relations between getpid, getppid, gettid and /proc/self,
# never the ids: every variant sees the leader's ids, which are not the
# native run's, but the relations must hold in each, so its output too
# is the native one.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/mvx/lib.sh
new_scratch equal
require_variants "mvx equal"

# equal NAME STATUS ARGS...: mvx-NAME ARGS exits STATUS natively, and
# as a group of 1, 2, 3 and 4 variants exits STATUS with the same output.
equal() {
	_name=$1 _want=$2
	shift 2
	run_to "$S/$_name.native" "$BIN/mvx-$_name" "$@"
	_ns=$(cat "$S/$_name.native.status")
	if [ "$_ns" -ne "$_want" ]; then
		fail "mvx equal: $_name: natively it exits $_ns, not $_want"
		show "$S/$_name.native.err"
		return 1
	fi
	as_groups "mvx equal:" "$_name" "1 2 3 4" "$BIN/mvx-$_name" "$@"
}

# Arguments, environment and working directory, the same in every variant.
mkdir -p "$S/a cwd"
(
	cd "$S/a cwd" || exit 1
	MVXT_A='one two' MVXT_B='' HOME=/root
	export MVXT_A MVXT_B HOME
	unset MVXT_UNSET
	equal env 0 'x y' '' z
)
equal ids 0
equal files 0 "$S/tmp"
equal bigio 0 "$S/tmp"
equal pipe 0
equal socketpair 0
equal msg 0
equal tcp 0
equal udp 0
equal epoll 0
equal poll_select 0
equal getrandom 0
equal urandom 0
equal mem 0
# Stage 0 executes stage 1, which executes stage 2, which exits 5.
equal exec 5
# 10^5 calls in lockstep: 4 variants on the VM's 2 emulated CPUs take
# well over a second per thousand calls (bench/run has the figure per
# call); the hang guard is stretched for this one, not made a timing test.
_limit=$LIMIT
LIMIT=$((LIMIT * 5))
equal manycalls 0 100000
LIMIT=$_limit
equal fork 0
equal signals 0
# Clocks and counters, whose raw values clock writes to /dev/null.
equal clock 0

# In a group of several a program has no vDSO, whose clocks would be each
# variant's own; natively and in a group of one it has one.
for _v in native 1 2 3; do
	if [ $_v = native ]; then
		run_to "$S/vdso.$_v" "$BIN/mvx-clock" vdso
		_want=present
	else
		variants "$S/vdso.$_v" "$_v" "$BIN/mvx-clock" vdso
		_want=absent
		[ "$_v" -eq 1 ] && _want=present
	fi
	_got="$(cat "$S/vdso.$_v.status") $(cat "$S/vdso.$_v")"
	if [ "$_got" = "0 vdso: $_want" ]; then
		pass "mvx equal: vdso, $_v: $_want"
	else
		fail "mvx equal: vdso, $_v: '$_got', want '0 vdso: $_want'"
		show "$S/vdso.$_v.err"
	fi
done

# equal_sh NAME SCRIPT: dash -c SCRIPT natively and as groups, as equal.
equal_sh() {
	like_native "mvx equal: dash" "$1" "1 2 3" "$DASH" -c "$2"
}
equal_sh subshells "echo a; (echo b; exit 3); echo \"status \$?\"; x=\$(echo c); echo \$x"
equal_sh pipes "echo one two | { read a b; echo \$b \$a; } | { read l; echo got \$l; }"
equal_sh programs "$BIN/mvx-pipe; echo \$?; $BIN/mvx-exec; echo \$?; exec $BIN/mvx-mem"
equal_sh files "echo x > $S/sh.out; echo y >> $S/sh.out; read l < $S/sh.out; echo \$l; echo done"
