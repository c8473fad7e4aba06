#!/bin/sh
# 1,000 attach/restore cycles through the raw ABI (see cycle.c): the
# target ends exactly as it was, the module's accounting at zero, memory
# not grown; and the target still writes to its own file afterwards.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/session/lib.sh
new_scratch cycle

# Idle while the cycles run; close-on-exec, which must survive.
start_writer w writer-static -m write -t 2 -n 4 -b "$BS" -o "$S/orig" -C
phase w 1
cycle "$w" 3 1000 "$S/cycle.dest"
expect "cycle: nothing reached the destination: the writer was idle" \
	test ! -s "$S/cycle.dest"
phase w 2
stop_writer w
check_blocks "cycle: the writer still writes to its own file" \
	-b "$BS" -e "0-1:1-2:4" "$S/orig"
end_jobs
