#!/bin/sh
# "umvx -p PID -m --no-tui" shows every call a watched process made up
# to its exit, exit_group with its status among them, and says how it
# ended, however soon after its last write the process exits: kmvx keeps
# the record area of a process an open /dev/mvx has watched until that
# file lets go.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/monitor/lib.sh
new_scratch lastcalls

# shellcheck disable=SC2016 # $$ and $1 are the monitored shell's
script='echo $$ >"$1"; read -r x <"$2"; echo one; echo two; echo three; exit 3'

for run in 1 2 3; do
	rm -f "$S/go" "$S/sh.pid"
	mkfifo "$S/go"
	umvx run -- "$DASH" -c "$script" sh "$S/sh.pid" "$S/go" \
		>"$S/sh.out" 2>"$S/sh.err" </dev/null &
	job=$!
	if ! wait_for "$S/sh.pid" '^[0-9]+$' 10; then
		fail "monitor lastcalls: run $run: the monitored shell did not start"
		show "$S/sh.err" 5
		kill -KILL "$job" 2>/dev/null
		continue
	fi
	pid=$(cat "$S/sh.pid")
	umvx -p "$pid" -m --no-tui >"$S/m.out" 2>"$S/m.err" </dev/null &
	m=$!
	# The watcher shows calls from when it first looks; give it that.
	sleep 1
	echo go >"$S/go"
	reap "$job" 10 >/dev/null
	status=$?
	reap "$m" 10 >"$S/m.reap"
	mstatus=$?

	if [ "$status" -eq 3 ] && [ "$(cat "$S/sh.out")" = "one
two
three" ]; then
		pass "monitor lastcalls: run $run: the shell wrote three lines and exited 3"
	else
		fail "monitor lastcalls: run $run: the shell exited $status"
		show "$S/sh.out" 5
		show "$S/sh.err" 5
	fi
	n=$(grep -Ecx "\[$pid\] write\(1, 0x[0-9a-f]+, [0-9]+\) = [0-9]+" "$S/m.out")
	if [ "$n" -eq 3 ]; then
		pass "monitor lastcalls: run $run: -m shows the three writes just before the exit"
	else
		fail "monitor lastcalls: run $run: -m shows $n of the three writes"
		show "$S/m.out" 10
		show "$S/m.err" 5
	fi
	if grep -qx "\[$pid\] exit_group(3) = ?" "$S/m.out"; then
		pass "monitor lastcalls: run $run: -m shows 'exit_group(3) = ?'"
	else
		fail "monitor lastcalls: run $run: -m shows no 'exit_group(3) = ?'"
		show "$S/m.out" 5
	fi
	if [ "$mstatus" -eq 0 ] && [ ! -s "$S/m.reap" ] &&
		grep -qx "umvx: process $pid exited with status 3" "$S/m.err"; then
		pass "monitor lastcalls: run $run: -m ends by itself: 'process $pid exited with status 3'"
	else
		fail "monitor lastcalls: run $run: -m exit $mstatus, said:"
		show "$S/m.err" 5
	fi
done

# Killed by a signal: the watcher says so.
rm -f "$S/k.pid"
rm -f "$S/stay"
mkfifo "$S/stay"
# shellcheck disable=SC2016
umvx run -- "$DASH" -c 'echo $$ >"$1"; read -r x <"$2"' \
	sh "$S/k.pid" "$S/stay" >/dev/null 2>&1 </dev/null &
job=$!
if wait_for "$S/k.pid" '^[0-9]+$' 10; then
	pid=$(cat "$S/k.pid")
	umvx -p "$pid" -m --no-tui >"$S/k.out" 2>"$S/k.err" </dev/null &
	m=$!
	sleep 1
	kill -KILL "$pid"
	reap "$job" 10 >/dev/null
	reap "$m" 10 >/dev/null
	if grep -qx "umvx: process $pid was killed by SIGKILL" "$S/k.err"; then
		pass "monitor lastcalls: -m says 'process $pid was killed by SIGKILL'"
	else
		fail "monitor lastcalls: -m on a killed process said:"
		show "$S/k.err" 5
	fi
else
	fail "monitor lastcalls: the monitored shell did not start"
	kill -KILL "$job" 2>/dev/null
fi
end_jobs
