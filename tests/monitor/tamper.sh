#!/bin/sh
# A monitored program cannot touch its monitor: tamper tries every way
# and prints one PASS/FAIL line per attempt (see tamper.c); the kernel
# logs the refusals. siblings, rseqesc and blocked try to get at the
# monitor's memory during excursions: from threads that make no system
# call, through an rseq abort out of the monitor's code, and through a
# read that sleeps in the kernel (each prints its own PASS/FAIL lines).
# Unmonitored, tamper finds no monitor and says so, and register has bad
# call logs and oversized monitors refused.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/monitor/lib.sh
new_scratch tamper

umvx run -- "$BIN/tamper" -p "$S/tamper.pid" >"$S/tamper.out" 2>"$S/tamper.err" </dev/null &
job=$!
reap "$job" 60
status=$?
cat "$S/tamper.out"
if [ "$status" -eq 0 ]; then
	pass "monitor tamper: tamper exits 0 under the monitor"
else
	fail "monitor tamper: tamper exits $status under the monitor"
	show "$S/tamper.err"
fi

# The kernel's lines about this process: "kmvx:" and "refused", its pid.
pid=$(cat "$S/tamper.pid" 2>/dev/null)
dmesg >"$S/dmesg"
if [ -n "$pid" ] && grep 'kmvx:' "$S/dmesg" | grep 'refused' |
	grep -Eq "(^|[^0-9])$pid([^0-9]|\$)"; then
	pass "monitor tamper: the kernel logged the refusals for pid $pid"
	grep 'kmvx:' "$S/dmesg" | grep 'refused' | grep -E "(^|[^0-9])$pid([^0-9]|\$)" |
		head -n 3 | sed 's/^/    /'
else
	fail "monitor tamper: no 'kmvx: ... refused' line for pid ${pid:-?} in dmesg"
	grep 'kmvx:' "$S/dmesg" | tail -n 5 | sed 's/^/    /'
fi

# escape TAG PROGRAM ARGS...: runs $BIN/PROGRAM ARGS under the monitor,
# its output in $S/TAG.out and .err; it prints its own PASS/FAIL (or
# SKIP) lines and must exit 0. The programs give up root themselves
# (tests/monitor/mvxmaps.h) and end themselves after 50 s at most.
escape() {
	_tag=$1 _prog=$2
	shift 2
	_name=$_prog${1+ $*}
	umvx run -- "$BIN/$_prog" "$@" >"$S/$_tag.out" 2>"$S/$_tag.err" </dev/null &
	_job=$!
	reap "$_job" 60
	_status=$?
	cat "$S/$_tag.out"
	if [ "$_status" -eq 0 ]; then
		pass "monitor tamper: $_name exits 0 under the monitor"
	else
		fail "monitor tamper: $_name exits $_status under the monitor"
		show "$S/$_tag.err"
	fi
}

# Threads that make no system call read, or write, the monitor's pages
# while the main thread's calls are forwarded.
escape siblings siblings
escape siblings-w siblings -w
escape siblings-n4 siblings -n 4
# An rseq critical section over the monitor's code, preempted often.
escape rseqesc rseqesc
# A read into the monitor's memory that would sleep across excursions.
escape blocked blocked
# AIO reads into it, whose buffer only the iocb names, from threads in
# the kernel while excursions open the pages.
escape deeper deeper

# Without a monitor there is nothing to find (its FAIL line is expected,
# so it is not shown).
timeout 60 "$BIN/tamper" >"$S/plain.out" 2>&1 </dev/null
status=$?
if [ "$status" -eq 1 ] && [ "$(cat "$S/plain.out")" = \
	"FAIL: tamper: the monitor's ranges are [mvx] mappings in /proc/self/maps (0)" ]; then
	pass "monitor tamper: unmonitored, tamper finds no monitor ranges"
else
	fail "monitor tamper: unmonitored, tamper exits $status"
	show "$S/plain.out" 5
fi

# Registration refuses a call log the uapi header does not allow (each
# case prints its own line).
timeout 60 "$BIN/register" >"$S/register.out" 2>&1 </dev/null
status=$?
cat "$S/register.out"
expect "monitor tamper: register exits 0 (every bad call log refused)" test "$status" -eq 0
end_jobs
