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
# (Its own variable names: the helpers it calls use _n and _i.)
together() {
	set_=$1
	shift
	for p_ in "$@"; do
		[ -f "$S/$p_.plain" ] || plain "$p_" "$BIN/$p_"
	done
	k_=0 jobs_=''
	for p_ in "$@"; do
		umvx run -- "$BIN/$p_" >"$S/$set_.$k_.mon" 2>"$S/$set_.$k_.mon.err" </dev/null &
		jobs_="$jobs_ $!"
		k_=$((k_ + 1))
	done
	k_=0
	for j_ in $jobs_; do
		reap "$j_" "$LIMIT"
		echo $? >"$S/$set_.$k_.mon.status"
		k_=$((k_ + 1))
	done
	k_=0
	for p_ in "$@"; do
		for f_ in plain plain.err plain.status; do
			cp "$S/$p_.$f_" "$S/$set_.$k_.$f_"
		done
		compare "monitor several: $set_: $p_ ($((k_ + 1)) of $#) as unmonitored" "$set_.$k_"
		k_=$((k_ + 1))
	done
}

together mixed futex threads tcp forkpipe
together futex4 futex futex futex futex
end_jobs
