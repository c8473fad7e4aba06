#!/bin/sh
# umvx's interactive mode, driven through a pseudo-terminal by ptydrive:
# the screen comes up, p pauses and resumes (and the target's writes go
# where each state says), ? shows the help, a resize redraws, q restores
# the target and exits 0.
#
# The writer's phases: 1 before, 2 active, 3 paused, 4 resumed, 5 after q.
# ptydrive creates a flag file when the screen shows a state and waits
# for this script's "phase done" file before the next key. The first wait
# is for "attached", a row of the screen that the status lines of
# --no-tui (which umvx falls back to for an unknown TERM) do not have.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/session/lib.sh
new_scratch tui
all="0-$((THREADS - 1))"
# The VM's initramfs carries the terminfo entry of this terminal type.
TERM=xterm
export TERM

# step FLAG K: once ptydrive has created FLAG, runs phase K; then lets
# ptydrive go on. After one step that did not come, the others are not
# waited for.
step() {
	if [ -z "$broken" ] && wait_file "$d/$1" 30; then
		phase w "$2"
	elif [ -z "$broken" ]; then
		fail "$t: the screen never got to '$1'"
		broken=1
	fi
	: >"$d/$2.done"
}

for op in -c -d; do
	t="tui: $op"
	d=$S/tui$op
	mkdir -p "$d"
	start_writer w writer-static -m write -t "$THREADS" -n "$BLOCKS" \
		-b "$BS" -o "$d/orig" -C || continue
	phase w 1
	before=$(fdtable "$w" "1 2 3")
	ptydrive -t 30 -s 80x24 -l "$d/screen" \
		-w attached -T "$d/active" -W "$d/2.done" \
		-k p -w paused -T "$d/paused" -W "$d/3.done" \
		-k p -w active -T "$d/resumed" -W "$d/4.done" \
		-k '?' -w Keys -S 300 -r 100x30 -w writes -w bytes \
		-k '?' -S 300 -k q -x 0 \
		-- umvx -p "$w" "$op" 3 "$d/dest" >"$d/ptydrive.out" 2>&1 &
	pty=$!
	broken=
	step active 2
	step paused 3
	step resumed 4
	reap "$pty" 60
	status=$?
	if [ "$status" -eq 0 ]; then
		pass "$t: the session screen took p, p, ?, a resize and q; umvx exited 0"
	else
		fail "$t: ptydrive exited $status (see $d/screen)"
		sed 's/^/    /' "$d/ptydrive.out" | tail -n 20
	fi
	same "$t: the writer's descriptors are as before" "$before" "$(fdtable "$w" "1 2 3")"
	same "$t: fd 3 is at the end of its file" "$(wc -c <"$d/orig")" "$(fd_pos "$w" 3)"
	stats_zero "$t: kmvx holds no session and no file"
	phase w 5
	stop_writer w
	if [ "$op" = -c ]; then
		check_blocks "$t: orig holds phases 1, 3 (paused) and 5 (after q)" \
			-b "$BS" -e "$all:1:$BLOCKS" -e "$all:3:$BLOCKS" -e "$all:5:$BLOCKS" "$d/orig"
	else
		check_blocks "$t: orig holds phases 1 to 5" -b "$BS" -e "$all:1-5:$BLOCKS" "$d/orig"
		blockcheck -b "$BS" -X "$all:2" "$d/orig" >"$d/want"
		blockcheck -b "$BS" -X "$all:4" "$d/orig" >>"$d/want"
		check_blocks "$t: dest is phases 2 and 4 of orig, byte for byte" \
			-b "$BS" -S "$d/want" "$d/dest"
	fi
	check_blocks "$t: dest holds phases 2 (active) and 4 (resumed)" \
		-b "$BS" -e "$all:2:$BLOCKS" -e "$all:4:$BLOCKS" "$d/dest"
done

end_jobs
