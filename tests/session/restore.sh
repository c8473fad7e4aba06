#!/bin/sh
# Every way a session ends restores the target: SIGKILL, SIGTERM and
# SIGHUP of umvx, the target's exit, the target's execve (into a program that keeps
# the descriptor, and into one that does not), and a fork during the
# session, whose child keeps what it inherited. (SIGINT is in copy.sh, q
# in the interactive mode in tui.sh, the end of the module in rmmod.sh.)
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/session/lib.sh
new_scratch restore
all="0-$((THREADS - 1))"

# begin NAME MODE OP WRITER-ARGS...: starts a writer in DIR $S/NAME,
# runs phase 1, notes its descriptors and starts umvx OP on fd 3; then
# runs phase 2. Sets d, t, before and pos. Status 1 if the session did
# not start.
begin() {
	t="restore: $1"
	d=$S/$1
	mkdir -p "$d"
	mode=$2 op=$3
	shift 3
	start_writer w writer-static -m "$mode" -t "$THREADS" -n "$BLOCKS" \
		-b "$BS" -o "$d/orig" "$@" || return 1
	phase w 1
	before=$(fdtable "$w" "1 2 3")
	pos=$(fd_pos "$w" 3)
	if ! start_umvx u -p "$w" "$op" 3 "$d/dest"; then
		stop_writer w
		return 1
	fi
	phase w 2
}

# restored: the writer's descriptors are as before, and kmvx is idle.
restored() {
	same "$t: the writer's descriptors are as before" \
		"$before" "$(fdtable "$w" "1 2 3")"
	stats_zero "$t: kmvx holds no session and no file"
}

# SIGKILL of umvx: no chance to clean up; the release of its /dev/mvx
# restores the remap. The descriptor is close-on-exec, which must stay.
if begin sigkill write -c -C; then
	stop_umvx u KILL 137 "" "$t: umvx is killed"
	restored
	same "$t: fd 3 is at the position it had" "$pos" "$(fd_pos "$w" 3)"
	phase w 3
	stop_writer w
	check_blocks "$t: orig holds phases 1 and 3" \
		-b "$BS" -e "$all:1:$BLOCKS" -e "$all:3:$BLOCKS" "$d/orig"
	check_blocks "$t: dest holds phase 2" -b "$BS" -e "$all:2:$BLOCKS" "$d/dest"
fi

if begin sigterm writev -d; then
	stop_umvx u TERM 0 "umvx: pid $w fd 3: restored" \
		"$t: umvx exits 0 on SIGTERM, saying restored"
	restored
	phase w 3
	stop_writer w
	check_blocks "$t: orig holds phases 1 to 3" -b "$BS" -e "$all:1-3:$BLOCKS" "$d/orig"
	check_blocks "$t: dest holds phase 2" -b "$BS" -e "$all:2:$BLOCKS" "$d/dest"
fi

if begin sighup pwritev -c; then
	stop_umvx u HUP 0 "umvx: pid $w fd 3: restored" \
		"$t: umvx exits 0 on SIGHUP, saying restored"
	restored
	same "$t: fd 3 is at the position it had" "$pos" "$(fd_pos "$w" 3)"
	phase w 3
	stop_writer w
	check_blocks "$t: orig holds phases 1 and 3, and a hole" -b "$BS" \
		-z "$PHASE_BLOCKS" -e "$all:1:$BLOCKS" -e "$all:3:$BLOCKS" "$d/orig"
	check_blocks "$t: dest holds phase 2" -b "$BS" -e "$all:2:$BLOCKS" "$d/dest"
fi

# The target exits: umvx says so and exits 0 by itself.
for op in -d -c; do
	if begin "exit$op" pwrite64 "$op"; then
		stop_writer w
		stop_umvx u - 0 "umvx: pid $w fd 3: session ended: the process exited" \
			"$t: umvx exits 0, saying the process exited"
		stats_zero "$t: kmvx holds no session and no file"
		if [ "$op" = -d ]; then
			check_blocks "$t: orig holds phases 1 and 2" \
				-b "$BS" -e "$all:1-2:$BLOCKS" "$d/orig"
		else
			check_blocks "$t: orig holds phase 1" \
				-b "$BS" -e "$all:1:$BLOCKS" "$d/orig"
		fi
		check_blocks "$t: dest holds phase 2" -b "$BS" -e "$all:2:$BLOCKS" "$d/dest"
	fi
done

# The target executes a new program that keeps fd 3 (not close-on-exec):
# umvx says so and exits 0, and the new program's fd 3 is the original
# open file again, with its flags and position. Its first phase is 3.
for op in -c -d; do
	rm -f "$S/w2.pid"
	if begin "exec$op" write "$op" -e /mvx/bin/writer-static -- -m write \
		-t "$THREADS" -n "$BLOCKS" -b "$BS" -f 3 -P 3 -p "$S/w2.pid"; then
		kill -USR2 "$w"
		wait_file "$S/w2.pid" 10 ||
			fail "$t: the new program did not start: $(tail -n 3 "$S/w.log")"
		stop_umvx u - 0 \
			"umvx: pid $w fd 3: session ended: the process executed a new program" \
			"$t: umvx exits 0, saying the process executed a new program"
		restored
		if [ "$op" = -c ]; then
			same "$t: fd 3 is at the position it had" "$pos" "$(fd_pos "$w" 3)"
		fi
		phase w 3
		stop_writer w
		if [ "$op" = -c ]; then
			check_blocks "$t: orig holds phase 1 and the new program's phase 3" \
				-b "$BS" -e "$all:1:$BLOCKS" -e "$all:3:$BLOCKS" "$d/orig"
		else
			check_blocks "$t: orig holds phases 1, 2 and the new program's 3" \
				-b "$BS" -e "$all:1-3:$BLOCKS" "$d/orig"
		fi
		check_blocks "$t: dest holds phase 2 only" -b "$BS" -e "$all:2:$BLOCKS" "$d/dest"
	fi
done

# ... into a program without fd 3 (close-on-exec): nothing to restore,
# and nothing kept.
if begin exec-cloexec write -c -C -e /bin/sleep -- 30; then
	kill -USR2 "$w"
	stop_umvx u - 0 \
		"umvx: pid $w fd 3: session ended: the process executed a new program" \
		"$t: umvx exits 0, saying the process executed a new program"
	expect "$t: the new program has no fd 3" test ! -e "/proc/$w/fd/3"
	stats_zero "$t: kmvx holds no session and no file"
	kill -KILL "$w"
	reap "$w" 5
fi

# A fork during the session (at the start of phase 2; the child writes
# phase 2 as thread 100 and exits). Under -c the child inherited the
# destination on fd 3; under -d its writes are not duplicated.
for op in -c -d; do
	if begin "fork$op" write "$op" -F 2; then
		stop_umvx u INT 0 "umvx: pid $w fd 3: restored" "$t: umvx exits 0 on SIGINT"
		restored
		phase w 3
		stop_writer w
		if [ "$op" = -c ]; then
			check_blocks "$t: orig holds phases 1 and 3" \
				-b "$BS" -e "$all:1:$BLOCKS" -e "$all:3:$BLOCKS" "$d/orig"
			check_blocks "$t: dest holds phase 2 and the child's writes" \
				-b "$BS" -e "$all:2:$BLOCKS" -e "100:2:$BLOCKS" "$d/dest"
		else
			check_blocks "$t: orig holds phases 1 to 3 and the child's writes" \
				-b "$BS" -e "$all:1-3:$BLOCKS" -e "100:2:$BLOCKS" "$d/orig"
			check_blocks "$t: dest holds phase 2, without the child's writes" \
				-b "$BS" -e "$all:2:$BLOCKS" "$d/dest"
		fi
	fi
done

end_jobs
