# Result reporting for the in-VM shell suites; sourced.
# Every check prints one "PASS: name" or "FAIL: name: detail" line.

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; }

# expect NAME CMD...: passes when CMD succeeds.
expect() {
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}

# expect_run NAME STATUS STDERR CMD...: passes when CMD exits with STATUS
# and its standard error is exactly STDERR (standard output is ignored).
expect_run() {
	name=$1 want_status=$2 want_err=$3
	shift 3
	"$@" >/tmp/expect.out 2>/tmp/expect.err
	got_status=$?
	got_err=$(cat /tmp/expect.err)
	if [ "$got_status" -eq "$want_status" ] && [ "$got_err" = "$want_err" ]; then
		pass "$name"
	else
		fail "$name: exit $got_status, stderr: $got_err"
	fi
}

# start_fakeproc VAR ARGS...: starts fakeproc ARGS in the background and
# waits until it wrote its pid file, i.e. all its descriptors are open.
start_fakeproc() {
	var=$1
	shift
	pidfile=/tmp/fakeproc.$$.$var.pid
	rm -f "$pidfile"
	"$@" -p "$pidfile" >/dev/null 2>&1 &
	i=0
	while [ ! -s "$pidfile" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	eval "$var=\$(cat \"\$pidfile\" 2>/dev/null)"
}
