#!/bin/sh
# Runs the built umvx binary on the host, where /dev/mvx does not exist:
# help, version, usage errors, a missing device, and umvx run with a
# harmless library preloaded instead of libmvx.
# Usage: cli.sh PATH-TO-UMVX PRELOAD.so [STATIC-PROGRAM]
set -u

umvx=${1:?usage: cli.sh PATH-TO-UMVX PRELOAD.so [STATIC-PROGRAM]}
preload=${2:?usage: cli.sh PATH-TO-UMVX PRELOAD.so [STATIC-PROGRAM]}
static=${3:-}
# Absolute: some checks run from another directory.
case $umvx in /*) ;; *) umvx=$(pwd)/$umvx ;; esac
case $preload in /*) ;; *) preload=$(pwd)/$preload ;; esac
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failures=0
try_help="Try 'umvx --help' for more information."

# expect NAME STATUS STDOUT STDERR -- ARGS...: STDOUT or STDERR "*" means
# anything; otherwise the stream must be exactly that text.
expect() {
	name=$1 status=$2 stdout=$3 stderr=$4
	shift 5
	"$umvx" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	ok=1
	[ "$got" -eq "$status" ] || ok=0
	if [ "$stdout" != "*" ]; then
		printf '%s\n' "$stdout" >"$tmp/want_out"
		[ -z "$stdout" ] && : >"$tmp/want_out"
		cmp -s "$tmp/out" "$tmp/want_out" || ok=0
	fi
	if [ "$stderr" != "*" ]; then
		printf '%s\n' "$stderr" >"$tmp/want_err"
		[ -z "$stderr" ] && : >"$tmp/want_err"
		cmp -s "$tmp/err" "$tmp/want_err" || ok=0
	fi
	if [ "$ok" -eq 1 ]; then
		echo "ok   $name"
	else
		echo "FAIL $name: umvx $* exited $got (want $status)"
		echo "--- stdout:"; cat "$tmp/out"
		echo "--- stderr:"; cat "$tmp/err"
		failures=$((failures + 1))
	fi
}

expect "--help exits 0" 0 "*" "" -- --help
grep -q '^Usage: umvx -p PID -i \[--json\]$' "$tmp/out" ||
	{ echo "FAIL --help: no usage line"; failures=$((failures + 1)); }
expect "-h exits 0" 0 "*" "" -- -h
expect "--version" 0 "umvx 0.1.0 (mvx API version 9)" "" -- --version
expect "-V" 0 "umvx 0.1.0 (mvx API version 9)" "" -- -V

expect "unknown option" 2 "" "umvx: unknown option '--foo'
$try_help" -- --foo
expect "unknown short option" 2 "" "umvx: unknown option '-x'
$try_help" -- -p 1 -x
expect "missing -p" 2 "" "umvx: no process given (use -p PID)
$try_help" -- -i
expect "missing -i" 2 "" "umvx: nothing to do (use -i, -m, -c, -d or run)
$try_help" -- -p 1
expect "no arguments" 2 "" "umvx: nothing to do (use -i, -m, -c, -d or run)
$try_help" --
expect "-p without a value" 2 "" "umvx: option '-p' requires an argument
$try_help" -- -i -p
for pid in abc 0 -3 99999999999; do
	expect "bad pid $pid" 2 "" "umvx: invalid pid '$pid'
$try_help" -- -p "$pid" -i
done
expect "extra argument" 2 "" "umvx: unexpected argument 'extra'
$try_help" -- -p 1 -i extra
expect "--json without -i" 2 "" "umvx: option '--json' requires -i
$try_help" -- -p 1 --json
expect "-c without a path" 2 "" "umvx: no destination given (use -c FD PATH)
$try_help" -- -p 1 -c 1
expect "-d without a pid" 2 "" "umvx: no process given (use -p PID)
$try_help" -- -d 1 "$tmp/dest"
for fd in -1 x 1x; do
	expect "bad fd $fd" 2 "" "umvx: invalid fd '$fd'
$try_help" -- -p 1 -c "$fd" "$tmp/dest"
done
expect "-c with -d" 2 "" "umvx: options '-c' and '-d' cannot be used together
$try_help" -- -p 1 -c 1 -d 1 "$tmp/dest"
expect "-i with -d" 2 "" "umvx: options '-i' and '-d' cannot be used together
$try_help" -- -p 1 -i -d 1 "$tmp/dest"
expect "--truncate without a session" 2 "" "umvx: option '--truncate' requires -c or -d
$try_help" -- -p 1 -i --truncate
expect "--no-tui without a session" 2 "" "umvx: option '--no-tui' requires -c, -d or -m
$try_help" -- -p 1 --no-tui
[ ! -e "$tmp/dest" ] ||
	{ echo "FAIL usage errors created the destination"; failures=$((failures + 1)); }

MVX_DEVICE=/nonexistent
export MVX_DEVICE
expect "module not loaded" 3 "" "umvx: /nonexistent: no such device: the kmvx module is not loaded (load it with 'modprobe kmvx' or 'insmod kmvx.ko')" -- -p 1 -i
expect "module not loaded, json" 3 "" "*" -- -p 1 -i --json
expect "module not loaded, session" 3 "" "umvx: /nonexistent: no such device: the kmvx module is not loaded (load it with 'modprobe kmvx' or 'insmod kmvx.ko')" -- -p 1 -c 1 "$tmp/dest" --no-tui
[ ! -e "$tmp/dest" ] ||
	{ echo "FAIL an unusable device created the destination"; failures=$((failures + 1)); }
MVX_DEVICE=/dev/null
expect "not an mvx device" 3 "" "umvx: /dev/null: inappropriate ioctl for device (not an mvx device)" -- -p 1 -i
unset MVX_DEVICE

expect "-m without -p" 2 "" "umvx: no process given (use -p PID)
$try_help" -- -m
expect "-m with -i" 2 "" "umvx: options '-i' and '-m' cannot be used together
$try_help" -- -p 1 -i -m
expect "-m with -c" 2 "" "umvx: options '-m' and '-c' cannot be used together
$try_help" -- -p 1 -m -c 1 "$tmp/dest"
expect "-m with --json" 2 "" "umvx: option '--json' requires -i
$try_help" -- -p 1 -m --json
MVX_DEVICE=/nonexistent
export MVX_DEVICE
expect "module not loaded, -m" 3 "" "umvx: /nonexistent: no such device: the kmvx module is not loaded (load it with 'modprobe kmvx' or 'insmod kmvx.ko')" -- -p 1 -m --no-tui
unset MVX_DEVICE

# umvx run
try_run="Try 'umvx run --help' for more information."
expect "run --help" 0 "*" "" -- run --help
grep -q '^Usage: umvx run ' "$tmp/out" ||
	{ echo "FAIL run --help: no usage line"; failures=$((failures + 1)); }
expect "run without --" 2 "" "umvx: missing '--' before the program '/bin/true'
$try_run" -- run /bin/true
expect "run with an unknown option" 2 "" "umvx: unknown option '--foo' for run
$try_run" -- run --foo -- /bin/true
expect "run without a program" 2 "" "umvx: no program given after '--'
$try_run" -- run --
expect "run with nothing" 2 "" "umvx: no program given (use umvx run [OPTIONS] -- PROGRAM [ARGS...])
$try_run" -- run
expect "run --policy without a file" 2 "" "umvx: option '--policy' requires an argument
$try_run" -- run --policy
expect "run --exempt with an unknown call" 2 "" "umvx: unknown system call 'getpidd' in --exempt
$try_run" -- run --exempt getpid,getpidd -- /bin/true

for n in 0 9 abc; do
	expect "run -n $n" 2 "" "umvx: invalid number of variants '$n' (use 1 to 8)
$try_run" -- run -n "$n" -- /bin/true
done
expect "run -n with -p" 2 "" "umvx: options '-n' and '-p' cannot be used together
$try_run" -- run -n 2 -p 1 -- /bin/true
expect "-n with -p" 2 "" "umvx: options '-n' and '-p' cannot be used together
$try_help" -- -p 1 -n 2
expect "run --report without a group" 2 "" "umvx: option '--report' requires -n or --variant
$try_run" -- run --report "$tmp/r.json" -- /bin/true
expect "run -n not matching --variant" 2 "" "umvx: option '-n 3' does not match the 1 --variant options
$try_run" -- run -n 3 --variant /bin/true -- true
[ ! -e "$tmp/r.json" ] ||
	{ echo "FAIL usage errors created the report"; failures=$((failures + 1)); }

MVX_LIBMVX=$preload
export MVX_LIBMVX
expect "run a missing policy" 125 "" "umvx: $tmp/none.policy: No such file or directory" -- run --policy "$tmp/none.policy" -- /bin/true
expect "run a missing program" 127 "" "umvx: no-such-program-umvx: No such file or directory" -- run -- no-such-program-umvx
expect "run a file that is not executable" 126 "" "umvx: /etc/passwd: Permission denied" -- run -- /etc/passwd
expect "run /bin/true" 0 "" "" -- run -- /bin/true
expect "run passes the exit status on" 3 "" "" -- run -- sh -c 'exit 3'
expect "run gives 128+N for a signal" 143 "" "" -- run -- sh -c 'kill -TERM $$'
echo "# a policy" >"$tmp/p.policy"
(cd "$tmp" && LD_PRELOAD= "$umvx" run --policy p.policy --exempt getpid --exempt 39 --allow-unmonitored-exec -- \
	sh -c 'printf "%s\n" "$LD_PRELOAD" "$MVX_POLICY" "$MVX_EXEMPT" "$MVX_ALLOW_UNMONITORED_EXEC"') >"$tmp/out" 2>"$tmp/err"
printf '%s\n' "$preload" "$tmp/p.policy" "getpid,39" 1 >"$tmp/want_out"
if cmp -s "$tmp/out" "$tmp/want_out" && [ ! -s "$tmp/err" ]; then
	echo "ok   run sets the environment"
else
	echo "FAIL run sets the environment:"; cat "$tmp/out" "$tmp/err"
	failures=$((failures + 1))
fi
LD_PRELOAD=$preload "$umvx" run -- sh -c 'echo "$LD_PRELOAD|${MVX_POLICY-unset}"' >"$tmp/out" 2>&1
if [ "$(cat "$tmp/out")" = "$preload|unset" ]; then
	echo "ok   run keeps an LD_PRELOAD without repeating libmvx"
else
	echo "FAIL run keeps an LD_PRELOAD:"; cat "$tmp/out"
	failures=$((failures + 1))
fi
# SIGTERM sent to umvx reaches the program, which reports it.
"$umvx" run -- sh -c 'trap "echo got TERM; exit 5" TERM; while :; do sleep 0.1; done' >"$tmp/out" 2>&1 &
runner=$!
sleep 0.5
kill -TERM "$runner"
wait "$runner"
got=$?
if [ "$got" -eq 5 ] && grep -q 'got TERM' "$tmp/out"; then
	echo "ok   run forwards SIGTERM"
else
	echo "FAIL run forwards SIGTERM: exited $got"; cat "$tmp/out"
	failures=$((failures + 1))
fi
if [ -n "$static" ]; then
	expect "run refuses a static program" 125 "" "umvx: $static is statically linked and cannot load libmvx (use --allow-unmonitored-exec to run it unmonitored)" -- run -- "$static"
else
	echo "skip run refuses a static program (no static program given)"
fi
expect "run --variant a missing file" 2 "" "umvx: --variant $tmp/none: No such file or directory" -- run --variant /bin/true --variant "$tmp/none" -- true
expect "run --variant a file that is not executable" 2 "" "umvx: --variant /etc/passwd: Permission denied" -- run --variant /etc/passwd -- true
MVX_DEVICE=/nonexistent
export MVX_DEVICE
expect "run a group without the module" 125 "" "umvx: /nonexistent: no such device: the kmvx module is not loaded (load it with 'modprobe kmvx' or 'insmod kmvx.ko')" -- run -n 2 --report "$tmp/r.json" -- /bin/true
unset MVX_DEVICE
MVX_DEVICE=/dev/null
export MVX_DEVICE
expect "run a group on a device that is not mvx" 125 "" "umvx: /dev/null: inappropriate ioctl for device (not an mvx device)" -- run --variant /bin/true -- true
unset MVX_DEVICE
MVX_LIBMVX=/nonexistent
expect "run without libmvx" 125 "" "umvx: MVX_LIBMVX=/nonexistent: No such file or directory" -- run -- /bin/true
unset MVX_LIBMVX

if [ -w /dev/full ]; then
	"$umvx" --version >/dev/full 2>"$tmp/err"
	got=$?
	if [ "$got" -eq 1 ] && grep -q '^umvx: standard output: ' "$tmp/err"; then
		echo "ok   write error"
	else
		echo "FAIL write error: exited $got"; cat "$tmp/err"
		failures=$((failures + 1))
	fi
fi

if [ "$failures" -ne 0 ]; then
	echo "$failures failed"
	exit 1
fi
echo "all passed"
