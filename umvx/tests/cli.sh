#!/bin/sh
# Runs the built umvx binary on the host, where /dev/mvx does not exist:
# help, version, usage errors, and a missing device.
# Usage: cli.sh PATH-TO-UMVX
set -u

umvx=${1:?usage: cli.sh PATH-TO-UMVX}
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
expect "--version" 0 "umvx 0.1.0 (mvx API version 3)" "" -- --version
expect "-V" 0 "umvx 0.1.0 (mvx API version 3)" "" -- -V

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
