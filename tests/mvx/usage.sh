#!/bin/sh
# umvx run -n and --variant: bad input is a usage error (exit status 2),
# said in one line starting "umvx:" on standard error (which umvx may
# follow with its "Try 'umvx ... --help'" line), and nothing runs: the
# program given would leave a marker file. After "run", a message that
# calls -n or --variant an unknown option fails: that umvx does not have
# them. (Before "run", as in "umvx -p 1 run -n 2", umvx's own options
# are parsed, which -n is not one of: any usage error will do.)
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/mvx/lib.sh
new_scratch usage

# usage_error TEST ARGS...: "umvx ARGS" is a usage error, as above.
usage_error() {
	_t="mvx usage: umvx $1"
	shift
	run_to "$S/u" umvx "$@"
	_st=$(cat "$S/u.status")
	_says=$(grep -c '^umvx:' "$S/u.err")
	_other=$(grep -vc -e '^umvx:' -e "^Try 'umvx" "$S/u.err")
	_first=$(head -n 1 "$S/u.err")
	if [ "$1" = run ] && grep -Eiq -e "(unknown|unrecognized|invalid) option[^-]*(-n|--variant)([^a-z0-9-]|\$)" \
		-e "option -- '?n" "$S/u.err"; then
		fail "$_t: umvx does not know the option: $_first"
	elif [ "$_st" -eq 2 ] && [ "$_says" -eq 1 ] && [ "$_other" -eq 0 ] &&
		[ "${_first#umvx:}" != "$_first" ] && [ ! -e "$S/tmp/marker" ]; then
		pass "$_t: exit 2: $_first"
	else
		fail "$_t: exit $_st (want 2), $_says 'umvx:' lines (want 1)," \
			"$_other other lines, marker $([ -e "$S/tmp/marker" ] && echo left || echo none)"
		show "$S/u.err"
	fi
}

# The program: leaves $S/tmp/marker if it runs (run_to empties $S/tmp).
M=$BIN/mvx-diverge

usage_error "run -n 0" run -n 0 -- "$M" mark "$S/tmp"
usage_error "run -n 9 (above 8, the kernel's largest group)" run -n 9 -- "$M" mark "$S/tmp"
usage_error "run -n abc" run -n abc -- "$M" mark "$S/tmp"
usage_error "run -n -1" run -n -1 -- "$M" mark "$S/tmp"
usage_error "run -n 2x" run -n 2x -- "$M" mark "$S/tmp"
usage_error "run -n ''" run -n '' -- "$M" mark "$S/tmp"
usage_error "run -n (no value)" run -n
usage_error "run --variant /nonexistent" run --variant /nonexistent -- "$M" mark "$S/tmp"
usage_error "run -n 3 with two --variant" run -n 3 --variant "$M" --variant "$M" -- "$M" mark "$S/tmp"
usage_error "-p 1 run -n 2" -p 1 run -n 2 -- "$M" mark "$S/tmp"
usage_error "run -n 2 -p 1 (a group and a running process)" run -n 2 -p 1 -- "$M" mark "$S/tmp"
