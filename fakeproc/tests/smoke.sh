#!/bin/sh
# Smoke test of one fakeproc binary: its lines, its descriptor layout, its
# exit statuses.
#
# usage: smoke.sh FAKEPROC
set -u
bin=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
failed=0

fail() {
	echo "FAIL: $*"
	failed=1
}

lines() {
	i=1
	while [ "$i" -le "$2" ]; do
		echo "fakeproc $1 line $i"
		i=$((i + 1))
	done
}

# Three lines, to the output file and to stdout.
"$bin" -n 3 -r 0 -o "$d/out" -p "$d/pid" >"$d/stdout" 2>"$d/stderr"
status=$?
pid=$(cat "$d/pid" 2>/dev/null)
[ "$status" -eq 0 ] || fail "-n 3 exited $status: $(cat "$d/stderr")"
[ -n "$pid" ] || fail "no pid in the pid file"
lines "$pid" 3 >"$d/want"
cmp -s "$d/want" "$d/out" || fail "output file: $(cat "$d/out")"
cmp -s "$d/want" "$d/stdout" || fail "stdout: $(cat "$d/stdout")"
[ "$(wc -l <"$d/out.in")" -eq 3 ] || fail "input file: $(cat "$d/out.in")"
[ "$(head -n 1 "$d/stderr")" = "fakeproc: pid $pid" ] ||
	fail "stderr: $(cat "$d/stderr")"
[ "$(sed -n 2p "$d/stderr")" = "fakeproc: fd 3 -> $d/out (output, write, append)" ] ||
	fail "stderr fd 3: $(cat "$d/stderr")"
[ "$(grep -c '^fakeproc: fd ' "$d/stderr")" -eq 8 ] ||
	fail "stderr fd table: $(cat "$d/stderr")"

# The output file is appended to; -q keeps stdout empty.
"$bin" -q -n 2 -r 0 -o "$d/out" -p "$d/pid" >"$d/stdout" 2>/dev/null ||
	fail "-q exited $?"
{ lines "$pid" 3; lines "$(cat "$d/pid")" 2; } >"$d/want"
cmp -s "$d/want" "$d/out" || fail "appended output file: $(cat "$d/out")"
[ -s "$d/stdout" ] && fail "-q wrote to stdout"

# Threads each write COUNT lines of their own.
"$bin" -q -n 2 -r 0 -t 3 -o "$d/threads" -p "$d/pid" 2>/dev/null ||
	fail "-t 3 exited $?"
pid=$(cat "$d/pid")
for t in 1 2 3; do
	for n in 1 2; do
		grep -qx "fakeproc $pid thread $t line $n" "$d/threads" ||
			fail "-t 3: no line $n of thread $t: $(cat "$d/threads")"
	done
done
[ "$(wc -l <"$d/threads")" -eq 6 ] || fail "-t 3: $(cat "$d/threads")"

# The default output file is in $TMPDIR.
TMPDIR=$d "$bin" -q -n 1 -r 0 2>"$d/stderr" || fail "default output exited $?"
pid=$(sed -n 's/^fakeproc: pid //p' "$d/stderr")
[ "$(cat "$d/fakeproc.$pid.out" 2>/dev/null)" = "fakeproc $pid line 1" ] ||
	fail "default output file: $(ls "$d")"

# The descriptor layout of a running fakeproc, then SIGTERM ends it with 0.
# Inherited descriptors must not shift the layout.
"$bin" -q -r 20 -o "$d/run" -p "$d/runpid" 2>/dev/null 3</dev/null 9</dev/null &
i=0
while [ ! -s "$d/runpid" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
pid=$(cat "$d/runpid" 2>/dev/null)
if [ -z "$pid" ]; then
	fail "-p: no pid file"
else
	# fd, link pattern, file position or '-', O_ACCMODE, O_APPEND,
	# O_NONBLOCK, O_CLOEXEC as 0/1.
	while read -r fd link pos acc app nonblock cloexec; do
		got=$(readlink "/proc/$pid/fd/$fd")
		info=/proc/$pid/fdinfo/$fd
		fl=$(sed -n 's/^flags:[[:space:]]*//p' "$info")
		gotpos=$(sed -n 's/^pos:[[:space:]]*//p' "$info")
		# shellcheck disable=SC2254
		case $got in
		$link) ;;
		*) fail "fd $fd is '$got', not '$link'" ;;
		esac
		[ "$pos" = - ] || [ "$gotpos" = "$pos" ] ||
			fail "fd $fd at position $gotpos, not $pos"
		if [ $((0$fl & 3)) -ne "$acc" ] ||
			[ $((0$fl & 02000 ? 1 : 0)) -ne "$app" ] ||
			[ $((0$fl & 04000 ? 1 : 0)) -ne "$nonblock" ] ||
			[ $((0$fl & 02000000 ? 1 : 0)) -ne "$cloexec" ]; then
			fail "fd $fd has flags $fl"
		fi
	done <<EOF
3 $d/run - 1 1 0 0
4 $d/run.in 22 0 0 0 1
5 pipe:* - 0 0 0 1
6 pipe:* - 1 0 0 1
7 socket:* - 2 0 0 0
8 socket:* - 2 0 0 0
9 socket:* - 2 0 0 0
10 anon_inode:*eventfd* - 2 0 1 0
EOF
	[ -e "/proc/$pid/fd/11" ] && fail "fd 11 is open"
	kill -TERM "$pid"
fi
wait $!
status=$?
[ "$status" -eq 0 ] || fail "SIGTERM: exited $status"
grep -vqx "fakeproc $pid line [0-9]*" "$d/run" && fail "SIGTERM: $(cat "$d/run")"
[ "$(tail -c 1 "$d/run")" = "" ] || fail "SIGTERM: last line unfinished"

# Blocks: each write is one -b BYTES block, the line padded with dots.
"$bin" -q -n 2 -r 0 -b 64 -o "$d/blocks" -p "$d/pid" 2>/dev/null ||
	fail "-b 64 exited $?"
pid=$(cat "$d/pid")
if [ "$(wc -c <"$d/blocks")" -ne 128 ] ||
	[ "$(grep -c "^fakeproc $pid line [12]\.*\$" "$d/blocks")" -ne 2 ] ||
	[ "$(awk '{ print length($0) }' "$d/blocks" | sort -u)" != 63 ]; then
	fail "-b 64: $(cat "$d/blocks")"
fi

# -w: nothing is written before SIGUSR1; SIGTERM before it exits 0.
wait_pidfile() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
"$bin" -q -n 2 -r 0 -w -o "$d/wait" -p "$d/waitpid" 2>/dev/null &
wait_pidfile "$d/waitpid"
sleep 0.2
[ -s "$d/wait" ] && fail "-w: wrote before SIGUSR1: $(cat "$d/wait")"
kill -USR1 "$(cat "$d/waitpid")"
wait $!
status=$?
[ "$status" -eq 0 ] || fail "-w: exited $status after SIGUSR1"
[ "$(wc -l <"$d/wait")" -eq 2 ] || fail "-w: after SIGUSR1: $(cat "$d/wait")"
"$bin" -q -r 0 -w -o "$d/waitterm" -p "$d/waittermpid" 2>/dev/null &
wait_pidfile "$d/waittermpid"
kill -TERM "$(cat "$d/waittermpid")"
wait $!
status=$?
[ "$status" -eq 0 ] || fail "-w: SIGTERM before SIGUSR1: exited $status"
[ -s "$d/waitterm" ] && fail "-w: SIGTERM before SIGUSR1 wrote lines"

# Bad arguments exit 2 with a reason, -h exits 0.
"$bin" -r x >/dev/null 2>"$d/stderr"
status=$?
if [ "$status" -ne 2 ] ||
	[ "$(head -n 1 "$d/stderr")" != "fakeproc: invalid rate 'x'" ]; then
	fail "-r x: exit $status, $(cat "$d/stderr")"
fi
for bad in "-n -1" "-t 0" "-r -1" "-z" "-o" "extra" "-b 63" "-b 1048577" "-b x"; do
	# shellcheck disable=SC2086
	"$bin" $bad >/dev/null 2>&1
	status=$?
	[ "$status" -eq 2 ] || fail "$bad: exit $status"
done
"$bin" -h >"$d/stdout" 2>&1 || fail "-h exited $?"
grep -q '^usage: fakeproc ' "$d/stdout" || fail "-h: $(cat "$d/stdout")"

[ "$failed" -eq 0 ] && echo "PASS: $bin"
exit "$failed"
