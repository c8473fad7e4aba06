#!/bin/sh
# Remap and duplicate on programs other than the static writer: the same
# writer linked dynamically (every write system call), fakeproc linked
# dynamically with 4 threads writing lines, and a real program: a
# busybox shell loop that echoes numbered lines to a file.
#
# fakeproc and the shell loop write all the time, so the session cuts
# their output at unknown lines: blockcheck -L checks that per writer,
# dest holds a run of consecutive lines and orig the others (remap) or
# all of them, in an order that dest's follows (duplicate).
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/session/lib.sh
new_scratch programs

for mode in write writev pwrite64 pwritev pwritev2; do
	for op in -c -d; do
		copy_case programs writer "$mode" "$op"
	done
done

# line_case NAME OP PID FD DIR: a session of one second on FD of the
# running process PID, which writes lines to DIR/orig; dest is DIR/dest.
# The process must go on writing for a while after it.
line_case() {
	t="programs: $1 $2"
	before=$(fdtable "$3" "1 2 $4")
	if start_umvx u -p "$3" "$2" "$4" "$5/dest"; then
		sleep 1
		stop_umvx u INT 0 "umvx: pid $3 fd $4: restored" \
			"$t: umvx exits 0 on SIGINT, saying restored"
	fi
	# FD's position moves with the writes, which go on: not compared.
	same "$t: the descriptors are as before" "$before" "$(fdtable "$3" "1 2 $4")"
	stats_zero "$t: kmvx holds no session and no file"
	sleep 0.5
}

for op in -c -d; do
	d=$S/fakeproc$op
	mkdir -p "$d"
	start_fakeproc fp fakeproc -q -r 100 -t 4 -o "$d/orig"
	if [ -n "$fp" ]; then
		line_case "fakeproc (dynamic, 4 threads)" "$op" "$fp" 3 "$d"
		kill -TERM "$fp"
		reap "$fp" 10
		expect "programs: fakeproc $op: fakeproc exits 0" test $? -eq 0
		[ "$op" = -c ] && how=remap || how=dup
		check_blocks "programs: fakeproc $op: the lines in orig and dest" \
			-L "$how" "$d/orig" "$d/dest"
	else
		fail "programs: fakeproc $op: fakeproc did not start"
	fi

	d=$S/busybox$op
	mkdir -p "$d"
	# The loop's standard output is the file: fd 1 of this sh. A short
	# sleep every 100 lines keeps the files small on a fast machine.
	# shellcheck disable=SC2016 # $1 and $i are the inner shell's
	sh -c 'i=0
		while [ ! -e "$1" ]; do
			i=$((i + 1))
			echo "busybox line $i"
			[ $((i % 100)) -ne 0 ] || sleep 0.01
		done' sh "$d/stop" >>"$d/orig" 2>/dev/null </dev/null &
	bb=$!
	sleep 0.5
	line_case "busybox sh loop" "$op" "$bb" 1 "$d"
	: >"$d/stop"
	reap "$bb" 10
	expect "programs: busybox $op: the loop ends normally" test $? -eq 0
	[ "$op" = -c ] && how=remap || how=dup
	check_blocks "programs: busybox $op: the lines in orig and dest" \
		-L "$how" "$d/orig" "$d/dest"
done

end_jobs
