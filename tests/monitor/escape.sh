#!/bin/sh
# A monitored program cannot execute anything that runs unmonitored: each
# way past the monitor's own check of execve (escape.c) ends with the
# execve refused or the new program killed at its first call past its
# dynamic loader, and a program re-executed without MVX_POLICY still
# applies its parent's policy, which the kernel kept.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/monitor/lib.sh
new_scratch escape

for mode in opath script preload unreadable; do
	umvx run -- "$BIN/escape" "$mode" "$BIN/showargs-static" "$BIN/showargs" \
		>"$S/$mode.out" 2>"$S/$mode.err" </dev/null &
	reap $! "$LIMIT"
	status=$?
	cat "$S/$mode.out"
	if [ "$status" -ne 0 ] && ! grep -q '^FAIL: ' "$S/$mode.out"; then
		fail "monitor escape: $mode: escape exits $status"
		show "$S/$mode.err"
	fi
done

umvx run --policy /mvx/tests/monitor/policies/deny-openat.policy -- \
	"$BIN/escape" nopolicy "$BIN/showargs-static" "$BIN/showargs" \
	>"$S/nopolicy.out" 2>"$S/nopolicy.err" </dev/null &
reap $! "$LIMIT"
status=$?
cat "$S/nopolicy.out"
if [ "$status" -ne 0 ] && ! grep -q '^FAIL: ' "$S/nopolicy.out"; then
	fail "monitor escape: nopolicy: escape exits $status"
	show "$S/nopolicy.err"
fi

# The kernel says why it killed what it killed.
dmesg | grep 'before its monitor registered: killed' | tail -n 3 | sed 's/^/    /'
end_jobs
