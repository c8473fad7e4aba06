#!/bin/sh
# Four monitored processes at once, each with its own monitor: a mix
# (futex, threads, the TCP server with its clients, forkpipe), then four
# copies of futex. Each must exit 0 with the output of its unmonitored
# run.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/monitor/lib.sh
new_scratch several

# together NAME PROGRAM...: runs each PROGRAM under umvx run at the same
# time (outputs NAME.I.mon), waits for all, compares each with its
# program's unmonitored run.
together() {
	_n=$1
	shift
	_i=0 _jobs=''
	for _p in "$@"; do
		[ -f "$S/$_p.plain" ] || plain "$_p" "$BIN/$_p"
		umvx run -- "$BIN/$_p" >"$S/$_n.$_i.mon" 2>"$S/$_n.$_i.mon.err" </dev/null &
		_jobs="$_jobs $!"
		_i=$((_i + 1))
	done
	_i=0
	for _j in $_jobs; do
		reap "$_j" "$LIMIT"
		echo $? >"$S/$_n.$_i.mon.status"
		_i=$((_i + 1))
	done
	_i=0
	for _p in "$@"; do
		for _f in plain plain.err plain.status; do
			cp "$S/$_p.$_f" "$S/$_n.$_i.$_f"
		done
		compare "monitor several: $_n: $_p ($((_i + 1)) of $#) as unmonitored" "$_n.$_i"
		_i=$((_i + 1))
	done
}

together mixed futex threads tcp forkpipe
together futex4 futex futex futex futex
end_jobs
