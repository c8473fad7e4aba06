#!/bin/sh
# What umvx shows of a monitored process: "umvx -p PID -i" says it is
# monitored and its counters grow; "umvx -p PID -m --no-tui" streams the
# calls it makes, strace-like ("[TID] getpid() = PID" for pidloop's); a
# program executed by a monitored one is monitored in turn; an
# unmonitored process is said to be so.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/monitor/lib.sh
new_scratch umvx
ex='' un='' rt=''
pl=''

if start_bg pl umvx run -- "$BIN/pidloop" -p "$S/pl.pid"; then
	info "$pl"
	if [ "$_status" -eq 0 ] && grep -qiw 'monitored' "$S/info.out" &&
		! grep -qi 'not monitored' "$S/info.out"; then
		pass "monitor umvx: -i on a monitored process says monitored"
	else
		fail "monitor umvx: -i on a monitored process: exit $_status"
		show "$S/info.out" 30
	fi
	if grep -qw 'default' "$S/info.out"; then
		pass "monitor umvx: -i shows the default policy"
	else
		fail "monitor umvx: -i does not say the policy is the default one"
	fi
	first=$(forwarded "$pl")
	sleep 1
	second=$(forwarded "$pl")
	if [ -n "$first" ] && [ -n "$second" ] && [ "$second" -gt "$first" ]; then
		pass "monitor umvx: -i: calls forwarded grow ($first, then $second)"
	else
		fail "monitor umvx: -i: calls forwarded: '$first', then '$second'"
	fi

	# -m --no-tui: the program's getpid every 100 ms, with its result.
	umvx -p "$pl" -m --no-tui >"$S/m.out" 2>"$S/m.err" </dev/null &
	m=$!
	sleep 2
	kill -INT "$m" 2>/dev/null
	reap "$m" 10
	status=$?
	n=$(grep -Ecx "\[$pl\] getpid\(\) = $pl" "$S/m.out")
	if [ "$n" -ge 5 ]; then
		pass "monitor umvx: -m --no-tui shows '[$pl] getpid() = $pl' lines ($n in 2 s)"
	else
		fail "monitor umvx: -m --no-tui: $n getpid lines in 2 s (exit $status)"
		show "$S/m.out" 5
		show "$S/m.err" 5
	fi
	if grep -q "^\[$pl\] clock_nanosleep(" "$S/m.out"; then
		pass "monitor umvx: -m --no-tui shows the sleeps too"
	else
		fail "monitor umvx: -m --no-tui shows no clock_nanosleep line"
	fi
	if [ "$status" -eq 0 ]; then
		pass "monitor umvx: -m --no-tui ends with status 0 on SIGINT"
	else
		fail "monitor umvx: -m --no-tui exits $status on SIGINT"
	fi

	# -m --no-tui ends by itself when the process exits.
	umvx -p "$pl" -m --no-tui >"$S/m2.out" 2>"$S/m2.err" </dev/null &
	m=$!
	sleep 0.5
	stop_bg pl
	status=$?
	expect "monitor umvx: pidloop under umvx run exits 0 on SIGTERM (forwarded)" \
		test "$status" -eq 0
	if reap "$m" 10 >"$S/m2.reap"; [ ! -s "$S/m2.reap" ]; then
		pass "monitor umvx: -m --no-tui ends when the process exits"
	else
		fail "monitor umvx: -m --no-tui went on after the process exited"
	fi
fi

# A dynamic program executed by a monitored one gets its own monitor.
if start_bg ex umvx run -- "$BIN/execer" -d "$BIN/pidloop" -p "$S/ex.pid"; then
	sleep 0.3
	info "$ex"
	if grep -qiw 'monitored' "$S/info.out" && ! grep -qi 'not monitored' "$S/info.out" &&
		! grep -qi 'awaiting' "$S/info.out"; then
		pass "monitor umvx: a program executed by a monitored one is monitored"
	else
		fail "monitor umvx: after execve, -i says:"
		show "$S/info.out" 30
	fi
	stop_bg ex >/dev/null
fi

# The ring's records carry the CLOCK_MONOTONIC_COARSE time of the call.
if start_bg rt umvx run -- "$BIN/pidloop" -i 5 -p "$S/rt.pid"; then
	expect_run "monitor umvx: a fresh record's time is CLOCK_MONOTONIC_COARSE" 0 \
		"" "$BIN/ringtime" "$rt"
	stop_bg rt >/dev/null
fi

# An unmonitored process.
if start_bg un "$BIN/pidloop" -p "$S/un.pid"; then
	info "$un"
	if grep -qi 'not monitored' "$S/info.out"; then
		pass "monitor umvx: -i on an unmonitored process says not monitored"
	else
		fail "monitor umvx: -i on an unmonitored process (exit $_status):"
		show "$S/info.out" 30
	fi
	expect_run "monitor umvx: -m on an unmonitored process: exit 1, one line" 1 \
		"umvx: process $un is not monitored" \
		timeout 10 umvx -p "$un" -m --no-tui
	stop_bg un >/dev/null
fi
end_jobs
