# Helpers of the session suites (tests/session/*.sh); sourced after
# tests/lib/check.sh, not a suite itself. Each suite works in its own
# scratch directory $S; the programs are on PATH (/mvx/bin).
#
# The target is usually writer (see writer.c): it writes phases of
# self-describing blocks on SIGUSR1 and says "phase K done" in its log.
# A session test runs phase 1 before the session, phase 2 during it and
# phase 3 after it, then checks the files with blockcheck.
#
# Variables are global, as in any sh without "local": helpers use names
# starting with an underscore, suites must not.

BS=4096		# block size
THREADS=4	# writer threads
BLOCKS=64	# blocks per thread per phase: 256 blocks, 1 MiB a phase
PHASE_BLOCKS=$((THREADS * BLOCKS))
PHASE_BYTES=$((PHASE_BLOCKS * BS))
STATS=/sys/kernel/debug/kmvx/stats

# The pid of the writer that start_writer w starts (start_umvx u sets $u).
w=''

# new_scratch NAME: makes $S, an empty scratch directory for the suite.
new_scratch() {
	S=/tmp/session.$1
	rm -rf "$S"
	mkdir -p "$S"
}

# wait_for FILE REGEX [SECONDS]: waits until a line of FILE matches the
# extended regular expression; status 1 after SECONDS (default 10).
wait_for() {
	_i=0
	while ! grep -Eq "$2" "$1" 2>/dev/null; do
		[ $_i -ge $((${3:-10} * 10)) ] && return 1
		sleep 0.1
		_i=$((_i + 1))
	done
	return 0
}

# wait_file FILE [SECONDS]: waits until FILE exists; status 1 if it does
# not after SECONDS (default 10).
wait_file() {
	_i=0
	while [ ! -e "$1" ]; do
		[ $_i -ge $((${2:-10} * 10)) ] && return 1
		sleep 0.1
		_i=$((_i + 1))
	done
	return 0
}

# reap PID [SECONDS]: waits for the background job PID to exit, at most
# SECONDS (default 10), then kills it; returns its exit status. A test
# that hangs thus fails instead of hanging the VM.
reap() {
	_i=0
	while [ -e "/proc/$1" ] &&
		[ "$(sed 's/.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null)" != Z ]; do
		if [ $_i -ge $((${2:-10} * 10)) ]; then
			echo "    (pid $1 still ran after ${2:-10} s: killed)"
			kill -KILL "$1" 2>/dev/null
			break
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
	wait "$1"
}

# start_writer NAME PROGRAM ARGS...: starts writer PROGRAM with ARGS in the
# background, its output in $S/NAME.log, and waits until it is ready;
# sets $NAME to its pid, or to nothing (and fails) if it did not start.
start_writer() {
	_name=$1 _prog=$2
	shift 2
	# Emptied here, not only by the job's redirection, which runs later
	# in the child: until then the file may still hold an earlier
	# writer's "ready".
	rm -f "$S/$_name.pid"
	: >"$S/$_name.log"
	"$_prog" -p "$S/$_name.pid" "$@" >"$S/$_name.log" 2>&1 </dev/null &
	if wait_for "$S/$_name.log" '^ready$' 10 && [ -s "$S/$_name.pid" ]; then
		eval "$_name=\$(cat \"\$S/\$_name.pid\")"
	else
		fail "$_name: $_prog did not start: $(cat "$S/$_name.log")"
		eval "$_name="
		return 1
	fi
}

# phase NAME K: makes writer NAME run its next phase, K, and waits for it.
phase() {
	eval "_pid=\$$1"
	kill -USR1 "$_pid" 2>/dev/null
	if ! wait_for "$S/$1.log" "^phase $2 (done|failed)\$" 30; then
		fail "$1: phase $2 did not finish: $(tail -n 3 "$S/$1.log")"
		return 1
	fi
	if grep -q "^phase $2 failed" "$S/$1.log"; then
		fail "$1: phase $2 failed: $(grep -v '^phase \|^ready' "$S/$1.log" | tail -n 3)"
		return 1
	fi
	return 0
}

# stop_writer NAME: ends writer NAME (SIGTERM) and reaps it.
stop_writer() {
	eval "_pid=\$$1"
	[ -n "$_pid" ] || return 0
	kill -TERM "$_pid" 2>/dev/null
	reap "$_pid" 10 >/dev/null
}

# start_umvx NAME ARGS...: runs "umvx ARGS --no-tui" in the background,
# its standard error in $S/NAME.err, and waits for its "remapping to" or
# "duplicating to" line; sets $NAME to its pid. Status 1 (and a failure)
# if the session did not start.
start_umvx() {
	_name=$1
	shift
	# Emptied first, as in start_writer: an earlier session's line must
	# not be taken for this one's.
	: >"$S/$_name.out"
	: >"$S/$_name.err"
	umvx "$@" --no-tui </dev/null >"$S/$_name.out" 2>"$S/$_name.err" &
	eval "$_name=\$!"
	if wait_for "$S/$_name.err" ': (remapping|duplicating) to ' 10; then
		return 0
	fi
	fail "$_name: umvx $* did not start a session: $(cat "$S/$_name.err")"
	return 1
}

# stop_umvx NAME SIGNAL STATUS LAST TEST: sends SIGNAL to umvx NAME (none
# if SIGNAL is -), and checks that it exits with STATUS and that the last
# line of its standard error is LAST ("" to not check it).
stop_umvx() {
	eval "_pid=\$$1"
	[ "$2" = - ] || kill "-$2" "$_pid" 2>/dev/null
	reap "$_pid" 15
	_status=$?
	_last=$(tail -n 1 "$S/$1.err")
	if [ "$_status" -eq "$3" ] && { [ -z "$4" ] || [ "$_last" = "$4" ]; }; then
		pass "$5"
	else
		fail "$5: exit $_status, last line: $_last"
		sed 's/^/    /' "$S/$1.err" | tail -n 5
	fi
}

# fd_link PID FD, fd_flags PID FD, fd_pos PID FD: what /proc says.
fd_link() { readlink "/proc/$1/fd/$2" 2>/dev/null; }
fd_flags() { sed -n 's/^flags:[[:space:]]*//p' "/proc/$1/fdinfo/$2" 2>/dev/null; }
fd_pos() { sed -n 's/^pos:[[:space:]]*//p' "/proc/$1/fdinfo/$2" 2>/dev/null; }

# fdtable PID [FDS]: one line per open descriptor of PID: its number, its
# target, its flags (octal, O_CLOEXEC included) and its position; the
# positions of the descriptors in the list FDS are left out (those that
# the process writes to, such as its log on 1 and 2, move).
fdtable() {
	for _f in "/proc/$1/fd/"*; do
		_n=${_f##*/}
		_p=$(fd_pos "$1" "$_n")
		case " ${2:-} " in *" $_n "*) _p=- ;; esac
		echo "$_n $(readlink "$_f") $(fd_flags "$1" "$_n") $_p"
	done | sort -n
}

# same TEST WANT GOT: passes when the strings are equal, else shows both.
same() {
	if [ "$2" = "$3" ]; then
		pass "$1"
		return 0
	fi
	fail "$1"
	printf '%s\n' "$2" >"$S/same.want"
	printf '%s\n' "$3" >"$S/same.got"
	diff "$S/same.want" "$S/same.got" | sed 's/^/    /'
	return 1
}

# check_blocks TEST ARGS...: runs blockcheck ARGS; on failure shows its
# summary in the FAIL line and its details below.
check_blocks() {
	_name=$1
	shift
	if blockcheck "$@" >"$S/blockcheck.out" 2>&1; then
		pass "$_name"
	else
		fail "$_name: $(head -n 1 "$S/blockcheck.out")"
		tail -n +2 "$S/blockcheck.out"
	fi
}

# stats_zero TEST: the module holds no session and no file reference.
stats_zero() {
	_i=0
	while [ "$(cat "$STATS" 2>/dev/null)" != "$(printf 'sessions 0\nfiles 0')" ]; do
		if [ $_i -ge 30 ]; then
			fail "$1: $STATS says: $(tr '\n' ' ' <"$STATS")"
			return 1
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
	pass "$1"
}

# is_append MODE: whether writer opens its outputs O_APPEND in MODE.
is_append() {
	[ "$1" = write ] || [ "$1" = writev ]
}

# end_jobs: kills what the suite left running (SIGKILL of umvx restores
# its target too) and reaps it.
end_jobs() {
	for _j in $(jobs -p); do
		kill -KILL "$_j" 2>/dev/null
	done
	wait 2>/dev/null
}

# copy_case SUITE PROGRAM MODE OP [COUNTERS] [WRITER-ARGS...]: one session
# on writer PROGRAM writing with system call MODE: phase 1 before the
# session, phase 2 during "umvx -p PID OP 3 DEST" (OP is -c or -d), phase
# 3 after SIGINT to umvx. With COUNTERS "counters", the status line must
# show the writes and bytes of phase 2 (it comes once a second).
# Checks:
# - the session starts and, for a remap, fd 3 is on DEST meanwhile;
# - umvx exits 0 on SIGINT and says "restored";
# - every descriptor of the writer is as before: target, flags (with
#   close-on-exec) and position (for a duplicate in an append mode the
#   position is the end of the file, which phase 2 moved);
# - the module's accounting is back to zero;
# - ORIG holds phases 1-3 (-d) or 1 and 3 (-c), DEST exactly phase 2,
#   each block once, intact, in order within each thread;
# - for -d, DEST is byte for byte phase 2 of ORIG where the order is
#   fixed (write and writev on an O_APPEND file), the same blocks
#   otherwise;
# - a pwrite-family remap leaves a hole of phase 2's size in ORIG, where
#   the blocks would have gone (DEST is O_APPEND, so nothing there).
copy_case() {
	_suite=$1 _prog=$2 _mode=$3 _op=$4 _counters=${5:-}
	shift 4
	[ $# -gt 0 ] && shift
	_t="$_suite: ${_prog##*/} $_mode $_op"
	_d=$S/${_prog##*/}.$_mode$_op
	mkdir -p "$_d"
	start_writer w "$_prog" -m "$_mode" -t "$THREADS" -n "$BLOCKS" -b "$BS" \
		-o "$_d/orig" "$@" || return
	phase w 1
	_before=$(fdtable "$w" "1 2 3")
	_pos=$(fd_pos "$w" 3)
	if ! start_umvx u -p "$w" "$_op" 3 "$_d/dest"; then
		stop_writer w
		return
	fi
	if [ "$_op" = -c ]; then
		same "$_t: fd 3 is on the destination during the remap" \
			"$_d/dest" "$(fd_link "$w" 3)"
	fi
	phase w 2
	if [ "$_counters" = counters ]; then
		if wait_for "$S/u.err" ": active, $PHASE_BLOCKS writes, $PHASE_BYTES bytes, 0 errors, 0 skipped, " 4; then
			pass "$_t: umvx counts $PHASE_BLOCKS writes, $PHASE_BYTES bytes"
		else
			fail "$_t: umvx's status line: $(tail -n 1 "$S/u.err")"
		fi
	fi
	stop_umvx u INT 0 "umvx: pid $w fd 3: restored" \
		"$_t: umvx exits 0 on SIGINT, saying restored"
	same "$_t: the writer's descriptors are as before" \
		"$_before" "$(fdtable "$w" "1 2 3")"
	if [ "$_op" = -d ] && is_append "$_mode"; then
		same "$_t: fd 3 is at the end of its file" \
			"$(wc -c <"$_d/orig")" "$(fd_pos "$w" 3)"
	else
		same "$_t: fd 3 is at the position it had" "$_pos" "$(fd_pos "$w" 3)"
	fi
	stats_zero "$_t: kmvx holds no session and no file"
	phase w 3
	stop_writer w

	_all="0-$((THREADS - 1))"
	if [ "$_op" = -d ]; then
		check_blocks "$_t: orig holds phases 1, 2 and 3" \
			-b "$BS" -e "$_all:1-3:$BLOCKS" "$_d/orig"
		check_blocks "$_t: dest holds phase 2" \
			-b "$BS" -e "$_all:2:$BLOCKS" "$_d/dest"
		blockcheck -b "$BS" -X "$_all:2" "$_d/orig" >"$_d/orig.2"
		if is_append "$_mode"; then
			check_blocks "$_t: dest is phase 2 of orig, byte for byte" \
				-b "$BS" -S "$_d/orig.2" "$_d/dest"
		else
			check_blocks "$_t: dest has the blocks of phase 2 of orig" \
				-b "$BS" -M "$_d/orig.2" "$_d/dest"
		fi
	else
		_holes=0
		is_append "$_mode" || _holes=$PHASE_BLOCKS
		check_blocks "$_t: orig holds phases 1 and 3 ($_holes blocks of holes)" \
			-b "$BS" -z "$_holes" -e "$_all:1:$BLOCKS" -e "$_all:3:$BLOCKS" "$_d/orig"
		check_blocks "$_t: dest holds phase 2" \
			-b "$BS" -e "$_all:2:$BLOCKS" "$_d/dest"
	fi
}
