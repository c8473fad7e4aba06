#!/bin/sh
# A variant that aims a call at its own monitor's memory ("[mvx]"), run
# as --variant builds of one program (tests/mvx/tamper.c): the kernel
# reads a follower's inputs and writes its outputs only with the
# monitor's pages closed, so the group stops (or the call fails), and no
# monitor byte reaches standard output.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/mvx/lib.sh
new_scratch tamper
require_variants "mvx tamper"

ln -s "$BIN/mvx-tamper" "$S/tamper"
ln -s "$BIN/mvx-tamper" "$S/tamper-evil"

# tamper NAME EXPECT_STATUS EXPECT_TEXT MODE FILE...: the variants FILE...
# run "tamper MODE"; umvx must exit EXPECT_STATUS with EXPECT_TEXT in its
# standard output or error, and the output must hold none of the
# monitor's bytes (only the program's own buffer or nothing is written).
tamper() {
	_name=$1 _want=$2 _text=$3 _mode=$4
	shift 4
	_args=""
	for _f in "$@"; do
		_args="$_args --variant $_f"
	done
	# shellcheck disable=SC2086 # one word per option
	run_to "$S/$_name" umvx run $_args -- tamper "$_mode"
	_st=$(cat "$S/$_name.status")
	if [ "$_st" -eq "$_want" ] && grep -q "$_text" "$S/$_name" "$S/$_name.err"; then
		pass "mvx tamper: $_name: exit $_st, '$_text'"
	else
		fail "mvx tamper: $_name: exit $_st (want $_want), '$_text' $(grep -q "$_text" "$S/$_name" "$S/$_name.err" && echo found || echo missing)"
		show "$S/$_name"
		show "$S/$_name.err"
	fi
	# Whatever was written is the program's own buffer, or nothing.
	if tr -d '\n' <"$S/$_name" | grep -q '[^ -~]'; then
		fail "mvx tamper: $_name: bytes that are not the program's own reached the output"
		od -c "$S/$_name" | head -n 5 | sed 's/^/    /'
	else
		pass "mvx tamper: $_name: no monitor byte in the output"
	fi
}

tamper "follower reads into its monitor" 124 "outputs could not be written" \
	out "$S/tamper" "$S/tamper-evil"
tamper "leader reads into its monitor" 0 "read: -1 (refused)" \
	out "$S/tamper-evil" "$S/tamper" "$S/tamper"
tamper "follower writes out its monitor" 124 "umvx: divergence:" \
	in "$S/tamper" "$S/tamper-evil" "$S/tamper"
tamper "leader writes out its monitor" 124 "umvx: divergence:" \
	in "$S/tamper-evil" "$S/tamper"
