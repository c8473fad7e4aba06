#!/bin/sh
# What umvx -c and -d tell a person for each kind of bad input (one line,
# exit status 1), and that none of them changes the target. (A second
# session on the same descriptor is in several.sh.) Each umvx runs under
# timeout(1): one that starts a session by mistake fails instead of
# hanging the suite (SIGTERM ends it with status 0 and a "restored").
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/session/lib.sh
new_scratch cli
fp=''

# fakeproc: fd 3 its output file (written once, at start), fd 4 read-only.
start_fakeproc fp fakeproc-static -q -r 0.001 -o "$S/orig"
expect "session cli: fakeproc started" test -n "$fp"
sleep 0.2
before=$(fdtable "$fp")

expect_run "session cli: no such process" 1 \
	"umvx: pid 4000000: no such process" \
	timeout 10 umvx -p 4000000 -c 3 "$S/dest" --no-tui
expect_run "session cli: a kernel thread" 1 \
	"umvx: pid 2: invalid argument (a kernel thread or an exiting process)" \
	timeout 10 umvx -p 2 -d 1 "$S/dest" --no-tui
expect_run "session cli: a descriptor that is not open (-c)" 1 \
	"umvx: pid $fp: fd 20: not open" \
	timeout 10 umvx -p "$fp" -c 20 "$S/dest" --no-tui
expect_run "session cli: a descriptor that is not open (-d)" 1 \
	"umvx: pid $fp: fd 20: not open" \
	timeout 10 umvx -p "$fp" -d 20 "$S/dest" --no-tui
expect_run "session cli: a read-only descriptor (-c)" 1 \
	"umvx: pid $fp: fd 4: not open for writing" \
	timeout 10 umvx -p "$fp" -c 4 "$S/dest" --no-tui
expect_run "session cli: a read-only descriptor (-d)" 1 \
	"umvx: pid $fp: fd 4: not open for writing" \
	timeout 10 umvx -p "$fp" -d 4 "$S/dest" --no-tui
expect_run "session cli: PATH in a directory that does not exist" 1 \
	"umvx: $S/no/such/file: no such file or directory" \
	timeout 10 umvx -p "$fp" -c 3 "$S/no/such/file" --no-tui
expect_run "session cli: PATH is a directory" 1 \
	"umvx: $S: is a directory" \
	timeout 10 umvx -p "$fp" -d 3 "$S" --no-tui

expect_run "session cli: a non-root user cannot open the device" 3 \
	"umvx: /dev/mvx: permission denied (run umvx as root)" \
	timeout 10 su -s /bin/sh user -c "/mvx/bin/umvx -p $fp -d 3 /tmp/session-cli-user.dest --no-tui"
chmod 0666 /dev/mvx
expect_run "session cli: a non-root user is refused on a root process" 1 \
	"umvx: pid $fp: operation not permitted (may not ptrace this process)" \
	timeout 10 su -s /bin/sh user -c "/mvx/bin/umvx -p $fp -d 3 /tmp/session-cli-user.dest --no-tui"
chmod 0600 /dev/mvx
rm -f /tmp/session-cli-user.dest

# A stopped process does not run the switch: after 5 s umvx gives up. Its
# /dev/mvx can only be released once the process runs again, so umvx may
# end only after SIGCONT.
kill -STOP "$fp"
umvx -p "$fp" -c 3 "$S/dest" --no-tui >/dev/null 2>"$S/stopped.err" &
stopped=$!
sleep 6
kill -CONT "$fp"
reap "$stopped" 10
status=$?
if [ "$status" -eq 1 ] && [ "$(cat "$S/stopped.err")" = \
	"umvx: pid $fp: the process did not respond (is it stopped?)" ]; then
	pass "session cli: a stopped process (-c)"
else
	fail "session cli: a stopped process (-c): exit $status, stderr: $(cat "$S/stopped.err")"
fi

# Usage errors: status 2 (the wording is umvx's own tests' business).
timeout 10 umvx -p "$fp" -c 3 --no-tui >/dev/null 2>&1
expect "session cli: -c without PATH is a usage error (exit 2)" test $? -eq 2
timeout 10 umvx -p "$fp" -d x "$S/dest" --no-tui >/dev/null 2>&1
expect "session cli: a descriptor that is not a number is a usage error (exit 2)" test $? -eq 2
timeout 10 umvx -p "$fp" -c 3 -d 3 "$S/dest" --no-tui >/dev/null 2>&1
expect "session cli: -c and -d together is a usage error (exit 2)" test $? -eq 2

same "session cli: none of it changed fakeproc's descriptors" "$before" "$(fdtable "$fp")"
stats_zero "session cli: kmvx holds no session and no file"
kill -TERM "$fp"
reap "$fp" 10
end_jobs
