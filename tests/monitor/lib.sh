# Helpers of the monitor suites (tests/monitor/*.sh); sourced after
# tests/lib/check.sh, not a suite itself. The generic ones (wait_for,
# wait_file, reap, same, end_jobs) come from tests/session/lib.sh. Each
# suite works in its own scratch directory $S; the programs are on PATH
# (/mvx/bin), libmvx.so is $LIBMVX and libinterpose.so $INTERPOSE.
#
# A program is run under the monitor with "umvx run -- PROGRAM", always
# by absolute path, and under timeout(1) or reap: a hang fails the test
# instead of the VM.
# shellcheck source-path=SCRIPTDIR source=../session/lib.sh
. /mvx/tests/session/lib.sh

# shellcheck disable=SC2034 # used by the suites
LIBMVX=/mvx/lib/mvx/libmvx.so
# A dynamic shell (Debian's dash), which can be run monitored.
DASH=/bin/dash
# shellcheck disable=SC2034
INTERPOSE=/mvx/lib/libinterpose.so
BIN=/mvx/bin
# Seconds any one program may run: a guard against hangs, not a timing
# test; MVX_SLOW (the sanitizer run's, vm/guest/init) multiplies it.
LIMIT=$((120 * ${MVX_SLOW:-1}))

# new_scratch NAME: makes $S, an empty scratch directory for the suite.
new_scratch() {
	S=/tmp/monitor.$1
	rm -rf "$S"
	mkdir -p "$S"
}

# show FILE [LINES]: the last lines of FILE, indented (not counted).
show() {
	tail -n "${2:-10}" "$1" 2>/dev/null | sed 's/^/    /'
}

# plain NAME PROGRAM ARGS...: runs PROGRAM unmonitored; its output in
# $S/NAME.plain and .plain.err, its exit status in $S/NAME.plain.status.
plain() {
	_n=$1
	shift
	timeout "$LIMIT" "$@" >"$S/$_n.plain" 2>"$S/$_n.plain.err" </dev/null
	echo $? >"$S/$_n.plain.status"
}

# monitored NAME [UMVX-RUN-OPTIONS] -- PROGRAM ARGS...: the same under
# "umvx run OPTIONS -- PROGRAM ARGS", into $S/NAME.mon, .mon.err and
# .mon.status.
monitored() {
	_n=$1
	shift
	timeout "$LIMIT" umvx run "$@" >"$S/$_n.mon" 2>"$S/$_n.mon.err" </dev/null
	echo $? >"$S/$_n.mon.status"
}

# compare TEST NAME: the unmonitored run of NAME passed (exit 0), and the
# monitored one exited 0 with the same standard output and error, byte
# for byte.
compare() {
	_ps=$(cat "$S/$2.plain.status") _ms=$(cat "$S/$2.mon.status")
	if [ "$_ps" -ne 0 ]; then
		fail "$1: the program fails unmonitored (exit $_ps)"
		show "$S/$2.plain.err"
		return 1
	fi
	if [ "$_ms" -eq 0 ] && cmp -s "$S/$2.plain" "$S/$2.mon" &&
		cmp -s "$S/$2.plain.err" "$S/$2.mon.err"; then
		pass "$1"
		return 0
	fi
	fail "$1: monitored: exit $_ms (unmonitored 0), output $(cmp -s "$S/$2.plain" \
		"$S/$2.mon" && echo same || echo differs)"
	diff "$S/$2.plain" "$S/$2.mon" | head -n 20 | sed 's/^/    /'
	diff "$S/$2.plain.err" "$S/$2.mon.err" | head -n 10 | sed 's/^/    /'
	return 1
}

# compare_program TEST PROGRAM ARGS...: plain, monitored and compare.
compare_program() {
	_t=$1 _p=$2
	shift 2
	plain "$_p" "$BIN/$_p" "$@"
	monitored "$_p" -- "$BIN/$_p" "$@"
	compare "$_t" "$_p"
}

# check_run TEST FILE-PREFIX STATUS STDOUT STDERR: the run whose files
# start with FILE-PREFIX (NAME.plain, NAME.mon) exited STATUS with exactly
# that standard output and standard error.
check_run() {
	_got=$(cat "$2.status") _out=$(cat "$2") _err=$(cat "$2.err")
	if [ "$_got" -eq "$3" ] && [ "$_out" = "$4" ] && [ "$_err" = "$5" ]; then
		pass "$1"
		return 0
	fi
	fail "$1: exit $_got (want $3)"
	[ "$_out" = "$4" ] || { echo "    stdout:"; show "$2"; echo "    wanted:"; echo "$4" | sed 's/^/    /'; }
	[ "$_err" = "$5" ] || { echo "    stderr:"; show "$2.err"; echo "    wanted:"; echo "$5" | sed 's/^/    /'; }
	return 1
}

# start_bg NAME CMD...: starts CMD in the background, its output in
# $S/NAME.out and .err; the command must write its pid to $S/NAME.pid
# (the programs' -p) and print "ready". Sets $NAME to that pid (the
# program's, not umvx's) and ${NAME}_job to the job's; status 1 and a
# failure if it did not get ready in 10 s.
start_bg() {
	_name=$1
	shift
	# Emptied here, not only by the job's redirection, which runs later
	# in the child: until then .out may still hold an earlier "ready".
	rm -f "$S/$_name.pid"
	: >"$S/$_name.out"
	: >"$S/$_name.err"
	"$@" >"$S/$_name.out" 2>"$S/$_name.err" </dev/null &
	eval "${_name}_job=\$!"
	if wait_for "$S/$_name.out" '^ready$' 10 && [ -s "$S/$_name.pid" ]; then
		eval "$_name=\$(cat \"\$S/\$_name.pid\")"
		return 0
	fi
	fail "$_name: $* did not get ready: $(tail -n 3 "$S/$_name.err")"
	# Where it is stuck, for whoever debugs it: state and wait channel.
	eval "_job=\${${_name}_job}"
	for _t in "/proc/$_job/task/"*; do
		[ -e "$_t/stat" ] || continue
		echo "    ${_t#/proc/}: $(sed 's/.*) \(.\).*/\1/' "$_t/stat" 2>/dev/null)" \
			"$(cat "$_t/wchan" 2>/dev/null)"
	done
	show "$S/$_name.out" 3
	eval "$_name="
	return 1
}

# stop_bg NAME: SIGTERM to the job of start_bg NAME (umvx run forwards
# it), then reaps it; returns its exit status.
stop_bg() {
	_job=''
	eval "_job=\${${1}_job}"
	kill -TERM "$_job" 2>/dev/null
	reap "$_job" 10
}

# info PID: "umvx -p PID -i" into $S/info.out, its status in $_status.
info() {
	timeout 10 umvx -p "$1" -i >"$S/info.out" 2>&1 </dev/null
	_status=$?
}

# forwarded PID: the number of calls forwarded, from the monitor section
# of "umvx -p PID -i" (the first number on the line that says forwarded).
forwarded() {
	timeout 10 umvx -p "$1" -i 2>/dev/null </dev/null |
		grep -i 'forwarded' | grep -Eo '[0-9]+' | head -n 1
}
