#!/bin/sh
# Policies (mvx-policy.5) under umvx run: deny with an errno, kill,
# exempt, and bad policy files, which stop the program before main()
# with libmvx's one line and status 125. The policies are in
# tests/monitor/policies/.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/monitor/lib.sh
new_scratch policy
ex=''
P=/mvx/tests/monitor/policies
file=/mvx/tests/run	# a file probe can open

# deny: openat fails with the rule's errno, the other calls work.
plain open "$BIN/probe" open "$file"
check_run "monitor policy: unmonitored, probe opens the file" "$S/open.plain" 0 \
	"fopen $file: opened
stat: ok
getpid: ok
getppid: ok" ""
monitored open --policy "$P/deny-openat.policy" -- "$BIN/probe" open "$file"
check_run "monitor policy: openat deny EACCES: fopen fails with EACCES, other calls work" \
	"$S/open.mon" 0 "fopen $file: Permission denied
stat: ok
getpid: ok
getppid: ok" ""
monitored numbers --policy "$P/deny-numbers.policy" -- "$BIN/probe" open "$file"
check_run "monitor policy: 257 deny 2 (by numbers): fopen fails with ENOENT" \
	"$S/numbers.mon" 0 "fopen $file: No such file or directory
stat: ok
getpid: ok
getppid: ok" ""
# The same policy through libmvx's own variable, without umvx.
env LD_PRELOAD="$LIBMVX" MVX_POLICY="$P/deny-openat.policy" timeout "$LIMIT" \
	"$BIN/probe" open "$file" >"$S/env.mon" 2>"$S/env.mon.err" </dev/null
echo $? >"$S/env.mon.status"
check_run "monitor policy: MVX_POLICY (libmvx preloaded by hand) denies openat" \
	"$S/env.mon" 0 "fopen $file: Permission denied
stat: ok
getpid: ok
getppid: ok" ""

# kill: SIGKILL at the call, after libmvx's line; umvx run exits 137.
monitored kill --policy "$P/kill-getppid.policy" -- "$BIN/probe" getppid
status=$(cat "$S/kill.mon.status")
if [ "$status" -eq 137 ] && [ "$(cat "$S/kill.mon")" = "calling getppid" ] &&
	grep -Eqx 'libmvx: policy kills process [0-9]+: getppid' "$S/kill.mon.err" &&
	[ "$(wc -l <"$S/kill.mon.err")" -eq 1 ]; then
	pass "monitor policy: getppid kill: killed at the call (exit 137), libmvx says why"
else
	fail "monitor policy: getppid kill: exit $status, stdout: $(cat "$S/kill.mon"), stderr: $(cat "$S/kill.mon.err")"
fi

# exempt: the program's getpid calls never reach the monitor, so the
# stream of recent calls (umvx -m --no-tui) has its nanosleeps but no
# getpid; "umvx -p PID -i" lists getpid as exempt. By the policy, by
# umvx run --exempt and by MVX_EXEMPT.
# exempt_case HOW CMD...: CMD starts pidloop (-p and -i 50 are added).
exempt_case() {
	_how=$1
	shift
	start_bg ex "$@" "$BIN/pidloop" -i 50 -p "$S/ex.pid" || return
	umvx -p "$ex" -m --no-tui >"$S/ex.m" 2>"$S/ex.m.err" </dev/null &
	_m=$!
	sleep 2
	kill -INT "$_m" 2>/dev/null
	reap "$_m" 10 >/dev/null
	info "$ex"
	stop_bg ex >/dev/null
	if grep -q 'nanosleep(' "$S/ex.m" && ! grep -q 'getpid(' "$S/ex.m"; then
		pass "monitor policy: exempt getpid ($_how): umvx -m shows no getpid, only the sleeps"
	else
		fail "monitor policy: exempt getpid ($_how): umvx -m shows $(grep -c 'getpid(' "$S/ex.m") getpid, $(grep -c 'nanosleep(' "$S/ex.m") nanosleep lines"
		show "$S/ex.m" 3
		show "$S/ex.m.err" 3
	fi
	if grep -i 'exempt' "$S/info.out" | grep -qw getpid; then
		pass "monitor policy: exempt getpid ($_how): umvx -i lists it as exempt"
	else
		fail "monitor policy: exempt getpid ($_how): umvx -i does not list it as exempt"
		show "$S/info.out" 20
	fi
}
exempt_case "policy file" umvx run --policy "$P/exempt-getpid.policy" --
exempt_case "umvx run --exempt" umvx run --exempt getpid --
exempt_case "MVX_EXEMPT" env LD_PRELOAD="$LIBMVX" MVX_EXEMPT=getpid

# Bad policies: status 125, exactly libmvx's line, and the program never
# ran (probe printed nothing).
# bad NAME STDERR: umvx run with policy NAME must fail so.
bad() {
	monitored "$1" --policy "$P/$1.policy" -- "$BIN/probe" open "$file"
	check_run "monitor policy: $1: exit 125 before main(), libmvx says why" \
		"$S/$1.mon" 125 "" "$2"
}
bad bad-syscall "libmvx: $P/bad-syscall.policy:3: unknown system call 'getpidd'"
bad bad-errno "libmvx: $P/bad-errno.policy:4: unknown errno 'EFOO'"
bad bad-duplicate "libmvx: $P/bad-duplicate.policy:2: second rule for 'openat'"

# The contract fixes no wording for these: one line naming the place and
# the call.
# bad_like NAME REGEX: as bad, stderr one line that matches REGEX.
bad_like() {
	monitored "$1" --policy "$P/$1.policy" -- "$BIN/probe" open "$file"
	_status=$(cat "$S/$1.mon.status")
	if [ "$_status" -eq 125 ] && [ ! -s "$S/$1.mon" ] &&
		[ "$(wc -l <"$S/$1.mon.err")" -eq 1 ] && grep -Eq "$2" "$S/$1.mon.err"; then
		pass "monitor policy: $1: exit 125 before main(), libmvx says why"
	else
		fail "monitor policy: $1: exit $_status, stderr: $(cat "$S/$1.mon.err")"
	fi
}
bad_like bad-exempt-deny "^libmvx: $P/bad-exempt-deny.policy:2: .*'getpid'"
bad_like bad-deny-exempt "^libmvx: $P/bad-deny-exempt.policy:2: .*'getpid'"
bad_like bad-mvx "^libmvx: $P/bad-mvx.policy:1: .*'mvx'"

# Errors libmvx reports about its environment, without umvx in between.
# direct NAME TEST STDERR VAR=VALUE...: probe with libmvx preloaded and
# the variables; exit 125 with exactly STDERR.
direct() {
	_n=$1 _t=$2 _e=$3
	shift 3
	env LD_PRELOAD="$LIBMVX" "$@" timeout "$LIMIT" "$BIN/probe" open "$file" \
		>"$S/$_n.mon" 2>"$S/$_n.mon.err" </dev/null
	echo $? >"$S/$_n.mon.status"
	check_run "monitor policy: $_t" "$S/$_n.mon" 125 "" "$_e"
}
direct nofile "a missing policy file: exit 125" \
	"libmvx: $S/none.policy: ENOENT" MVX_POLICY="$S/none.policy"
direct badexempt "an unknown name in MVX_EXEMPT: exit 125" \
	"libmvx: MVX_EXEMPT: unknown system call 'foo'" MVX_EXEMPT=foo
direct badfile "a bad policy by MVX_POLICY: exit 125" \
	"libmvx: $P/bad-syscall.policy:3: unknown system call 'getpidd'" \
	MVX_POLICY="$P/bad-syscall.policy"

# The same mistakes through umvx run: 125 too, one line naming them.
monitored nofile-umvx --policy "$S/none.policy" -- "$BIN/probe" open "$file"
status=$(cat "$S/nofile-umvx.mon.status")
if [ "$status" -eq 125 ] && [ ! -s "$S/nofile-umvx.mon" ] &&
	grep -q "$S/none.policy" "$S/nofile-umvx.mon.err"; then
	pass "monitor policy: umvx run --policy with a missing file: exit 125"
else
	fail "monitor policy: umvx run --policy with a missing file: exit $status, stderr: $(cat "$S/nofile-umvx.mon.err")"
fi
# An unknown name given to --exempt may be umvx's own usage error (2).
monitored badexempt-umvx --exempt foo -- "$BIN/probe" open "$file"
status=$(cat "$S/badexempt-umvx.mon.status")
if { [ "$status" -eq 125 ] || [ "$status" -eq 2 ]; } && [ ! -s "$S/badexempt-umvx.mon" ] &&
	grep -q "'foo'" "$S/badexempt-umvx.mon.err"; then
	pass "monitor policy: umvx run --exempt with an unknown name: refused before the program runs"
else
	fail "monitor policy: umvx run --exempt foo: exit $status, stderr: $(cat "$S/badexempt-umvx.mon.err")"
fi
end_jobs
