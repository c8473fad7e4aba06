#!/bin/sh
# Several sessions at once, and destinations that are not regular files:
# two descriptors of one process (a remap and a duplicate), two processes,
# the same descriptor twice (refused), a FIFO and a terminal as PATH.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/session/lib.sh
new_scratch several
all="0-$((THREADS - 1))"
wa='' wb='' fp=''

# Two descriptors of one writer: every block goes to both of its outputs,
# fd 3 (remapped) and fd 4 (duplicated).
t="several: fd 3 -c and fd 4 -d of one process"
d=$S/twofds
mkdir -p "$d"
start_writer w writer-static -m write -t "$THREADS" -n "$BLOCKS" -b "$BS" \
	-o "$d/orig3" -o "$d/orig4"
phase w 1
before=$(fdtable "$w" "1 2 4")
before_nopos=$(fdtable "$w" "1 2 3 4")
if start_umvx u1 -p "$w" -c 3 "$d/dest3" && start_umvx u2 -p "$w" -d 4 "$d/dest4"; then
	same "$t: fd 3 is remapped" "$d/dest3" "$(fd_link "$w" 3)"
	same "$t: fd 4 is not" "$d/orig4" "$(fd_link "$w" 4)"
	phase w 2
	stop_umvx u1 INT 0 "umvx: pid $w fd 3: restored" "$t: the remap ends"
	same "$t: fd 3 is restored while fd 4 is still duplicated" \
		"$before" "$(fdtable "$w" "1 2 4")"
	phase w 3
	stop_umvx u2 INT 0 "umvx: pid $w fd 4: restored" "$t: the duplicate ends"
fi
same "$t: the descriptors are as before" "$before_nopos" "$(fdtable "$w" "1 2 3 4")"
stats_zero "$t: kmvx holds no session and no file"
phase w 4
stop_writer w
check_blocks "$t: orig3 holds phases 1, 3 and 4" \
	-b "$BS" -e "$all:1:$BLOCKS" -e "$all:3-4:$BLOCKS" "$d/orig3"
check_blocks "$t: dest3 holds phase 2" -b "$BS" -e "$all:2:$BLOCKS" "$d/dest3"
check_blocks "$t: orig4 holds phases 1 to 4" -b "$BS" -e "$all:1-4:$BLOCKS" "$d/orig4"
blockcheck -b "$BS" -X "$all:2-3" "$d/orig4" >"$d/orig4.23"
check_blocks "$t: dest4 is phases 2 and 3 of orig4, byte for byte" \
	-b "$BS" -S "$d/orig4.23" "$d/dest4"

# Two processes, one session each, their phases at the same time.
t="several: two processes"
d=$S/twoprocs
mkdir -p "$d"
# A is static and duplicated, B dynamic and remapped.
start_writer wa writer-static -m writev -t "$THREADS" -n "$BLOCKS" -b "$BS" -o "$d/origA"
start_writer wb writer -m pwritev2 -t "$THREADS" -n "$BLOCKS" -b "$BS" -o "$d/origB"
phase wa 1
phase wb 1
if start_umvx u1 -p "$wa" -d 3 "$d/destA" && start_umvx u2 -p "$wb" -c 3 "$d/destB"; then
	kill -USR1 "$wa" "$wb"
	for x in wa wb; do
		wait_for "$S/$x.log" '^phase 2 done$' 30 ||
			fail "$t: $x's phase 2: $(tail -n 3 "$S/$x.log")"
	done
	stop_umvx u1 INT 0 "umvx: pid $wa fd 3: restored" "$t: A's session ends"
	stop_umvx u2 INT 0 "umvx: pid $wb fd 3: restored" "$t: B's session ends"
fi
stats_zero "$t: kmvx holds no session and no file"
stop_writer wa
stop_writer wb
check_blocks "$t: A's orig holds phases 1 and 2" -b "$BS" -e "$all:1-2:$BLOCKS" "$d/origA"
check_blocks "$t: A's dest holds phase 2" -b "$BS" -e "$all:2:$BLOCKS" "$d/destA"
check_blocks "$t: B's orig holds phase 1" -b "$BS" -e "$all:1:$BLOCKS" "$d/origB"
check_blocks "$t: B's dest holds phase 2" -b "$BS" -e "$all:2:$BLOCKS" "$d/destB"

# The same descriptor twice: the second umvx is refused, the first goes on.
t="several: the same fd twice"
d=$S/busy
mkdir -p "$d"
start_writer w writer-static -m write -t 1 -n 4 -b "$BS" -o "$d/orig"
if start_umvx u1 -p "$w" -d 3 "$d/dest"; then
	expect_run "$t: a second session on fd 3 is refused" 1 \
		"umvx: pid $w: fd 3: already in a session" \
		timeout 10 umvx -p "$w" -c 3 "$d/other" --no-tui
	expect_run "$t: also as a duplicate" 1 \
		"umvx: pid $w: fd 3: already in a session" \
		timeout 10 umvx -p "$w" -d 3 "$d/other" --no-tui
	same "$t: fd 3 was left alone" "$d/orig" "$(fd_link "$w" 3)"
	phase w 1
	stop_umvx u1 INT 0 "umvx: pid $w fd 3: restored" "$t: the first session ends normally"
	check_blocks "$t: the first session duplicated" -b "$BS" -e "0:1:4" "$d/dest"
fi
stop_writer w
stats_zero "$t: kmvx holds no session and no file"

# A FIFO as PATH, with a reader: what the reader gets is what was written
# during the session (-d: byte for byte, the order being fixed).
for op in -d -c; do
	t="several: a FIFO as PATH, $op"
	d=$S/fifo$op
	mkdir -p "$d"
	mkfifo "$d/fifo"
	cat "$d/fifo" >"$d/out" &
	reader=$!
	start_writer w writer-static -m write -t "$THREADS" -n "$BLOCKS" -b "$BS" -o "$d/orig"
	phase w 1
	before=$(fdtable "$w" "1 2 3")
	if start_umvx u -p "$w" "$op" 3 "$d/fifo"; then
		phase w 2
		stop_umvx u INT 0 "umvx: pid $w fd 3: restored" "$t: umvx exits 0 on SIGINT"
	fi
	same "$t: the writer's descriptors are as before" "$before" "$(fdtable "$w" "1 2 3")"
	phase w 3
	stop_writer w
	reap "$reader" 10
	expect "$t: the reader got end of file once umvx was gone" test $? -eq 0
	check_blocks "$t: the reader got phase 2" -b "$BS" -e "$all:2:$BLOCKS" "$d/out"
	if [ "$op" = -d ]; then
		blockcheck -b "$BS" -X "$all:2" "$d/orig" >"$d/orig.2"
		check_blocks "$t: byte for byte what orig got in phase 2" \
			-b "$BS" -S "$d/orig.2" "$d/out"
	else
		check_blocks "$t: orig holds phases 1 and 3" \
			-b "$BS" -e "$all:1:$BLOCKS" -e "$all:3:$BLOCKS" "$d/orig"
	fi
	stats_zero "$t: kmvx holds no session and no file"
done

# A FIFO whose reader goes away during -d: the copies fail (counted as
# errors), the writer is not killed by SIGPIPE, and its own file still
# gets everything.
t="several: a FIFO whose reader has gone"
d=$S/fifogone
mkdir -p "$d"
mkfifo "$d/fifo"
cat "$d/fifo" >/dev/null &
reader=$!
start_writer w writer-static -m write -t "$THREADS" -n "$BLOCKS" -b "$BS" -o "$d/orig"
phase w 1
if start_umvx u -p "$w" -d 3 "$d/fifo"; then
	kill "$reader"
	reap "$reader" 10 >/dev/null
	phase w 2
	expect "$t: the writer is alive after phase 2" kill -0 "$w"
	wait_for "$S/u.err" ' [1-9][0-9]* errors' 5
	expect "$t: the failed copies are counted as errors" \
		grep -q ' [1-9][0-9]* errors' "$S/u.err"
	stop_umvx u INT 0 "umvx: pid $w fd 3: restored" "$t: umvx exits 0 on SIGINT"
fi
phase w 3
expect "$t: the writer is alive after the session" kill -0 "$w"
stop_writer w
check_blocks "$t: orig holds phases 1 to 3" -b "$BS" -e "$all:1-3:$BLOCKS" "$d/orig"
stats_zero "$t: kmvx holds no session and no file"

# A terminal as PATH: a pseudo-terminal whose other side ptydrive reads
# (raw, so that the bytes pass unchanged). The target writes lines.
t="several: a terminal as PATH"
d=$S/tty
mkdir -p "$d"
# shellcheck disable=SC2016 # $1, $2 and $$ are the inner shell's
ptydrive -t 30 -l "$d/screen" -- sh -c \
	'tty >"$1"; stty raw -echo; echo $$ >"$2.tmp"; mv "$2.tmp" "$2"; exec sleep 30' \
	sh "$d/ttyname" "$d/ttypid" >"$d/ptydrive.out" 2>&1 &
pty=$!
# ttypid appears once the terminal is raw.
if wait_file "$d/ttypid" 10; then
	tty=$(cat "$d/ttyname")
	start_fakeproc fp fakeproc-static -q -r 100 -o "$d/orig"
	if start_umvx u -p "$fp" -d 3 "$tty"; then
		sleep 1
		stop_umvx u INT 0 "umvx: pid $fp fd 3: restored" "$t: umvx exits 0 on SIGINT"
	fi
	sleep 0.3
	kill -TERM "$fp"
	reap "$fp" 10
	kill -TERM "$(cat "$d/ttypid")"
	reap "$pty" 10
	check_blocks "$t: the terminal got the lines of the session" \
		-L dup "$d/orig" "$d/screen"
	stats_zero "$t: kmvx holds no session and no file"
else
	fail "$t: no pseudo-terminal: $(cat "$d/ptydrive.out")"
fi

end_jobs
