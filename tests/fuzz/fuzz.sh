#!/bin/sh
# The ABI fuzzer (fuzz.c) against kmvx: FUZZ_CALLS calls (default 20000)
# in FUZZ_STRETCHES runs of the fuzzer (default 4), each with a seed of
# its own. While a run lasts, kmvx is unloaded and loaded again once a
# second, at least once per run: rmmod is retried while monitored
# children pin the module (the fuzzer keeps them only in part of each
# second). Every other run, allocations of the fuzzer and of its children
# fail now and then (tests/lib/faults.sh), where the kernel can inject
# faults (the sanitizer kernel).
#
# Whether the kernel held up is the console's to say (KASAN, lockdep,
# WARN: vm/boot). Here, per run: the fuzzer ran its calls to the end;
# kmvx unloaded and loaded cleanly each time; it holds no session and no
# file once the fuzzer has exited. kmvx is loaded at the end, for the
# suites after this one; it may or may not be at the start.
#
# Environment: FUZZ_CALLS, FUZZ_STRETCHES, FUZZ_THREADS (default 4),
# FUZZ_SEED (default: the time; run K uses SEED + K), FUZZ_SECONDS (a
# time limit for all runs together, none by default), FUZZ_FAULTS=0 (no
# fault injection), and faults.sh's FAULTS_* for the runs with faults.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=../session/lib.sh
. /mvx/tests/session/lib.sh

KO=/mvx/kmod/kmvx.ko
S=/tmp/fuzz
rm -rf "$S"
mkdir -p "$S"

calls=${FUZZ_CALLS:-20000}
stretches=${FUZZ_STRETCHES:-4}
fthreads=${FUZZ_THREADS:-4}
seed=${FUZZ_SEED:-$(date +%s)}
limit=""
[ -n "${FUZZ_SECONDS:-}" ] && limit=$((FUZZ_SECONDS / stretches + 1))

# faults.sh may not be there: then no run injects faults. What is used
# of it: faults_available; faults_on WHAT (all, slab or page), which arms
# failslab and fail_page_alloc for the tasks that wrote 1 to their
# make-it-fail (the fuzzer's threads, with -f, and what they start);
# faults_off, which disarms them.
faults=no
if [ "${FUZZ_FAULTS:-1}" != 0 ] && [ -r /mvx/tests/lib/faults.sh ]; then
	# shellcheck source=../lib/faults.sh
	. /mvx/tests/lib/faults.sh
	if faults_available; then
		faults=yes
	else
		echo "fuzz: this kernel cannot inject faults: no run with faults"
	fi
fi

# running PID: whether PID still runs (a zombie does not).
running() {
	[ -e "/proc/$1" ] &&
		[ "$(sed 's/.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# loaded: whether kmvx is loaded.
loaded() {
	grep -q '^kmvx ' /proc/modules
}

# reload: rmmod kmvx, again every 50 ms for up to 30 s while it is in
# use, then insmod. Status 0 when both worked and /dev/mvx went away and
# came back; otherwise $why says what went wrong. A kmvx that an earlier
# reload left unloaded is only loaded: status 2 if that worked.
reload() {
	if ! loaded; then
		insmod "$KO" 2>"$S/insmod.err" && return 2
		why="insmod: $(cat "$S/insmod.err")"
		return 1
	fi
	_try=0
	until rmmod kmvx 2>"$S/rmmod.err"; do
		_try=$((_try + 1))
		if [ $_try -ge 600 ]; then
			why="rmmod kmvx failed for 30 s: $(cat "$S/rmmod.err")"
			return 1
		fi
		sleep 0.05
	done
	if [ -e /dev/mvx ]; then
		why="/dev/mvx is still there after rmmod"
		insmod "$KO" 2>/dev/null
		return 1
	fi
	if ! insmod "$KO" 2>"$S/insmod.err"; then
		why="insmod: $(cat "$S/insmod.err")"
		return 1
	fi
	if [ ! -c /dev/mvx ]; then
		why="no /dev/mvx after insmod"
		return 1
	fi
	return 0
}

# stretch K CALLS KIND: run K of the fuzzer, CALLS calls; KIND is plain
# or what faults.sh is to fail (all, slab, page).
stretch() {
	_k=$1 _n=$2 _kind=$3
	_name="fuzz: run $_k of $stretches ($_kind)"
	_out=$S/run.$_k.out
	_flags=""
	echo "$_name: $_n calls, $fthreads threads, seed $((seed + _k))"
	if [ "$_kind" != plain ]; then
		# The fuzzer marks its own threads (-f) once it is set up; the
		# subshell that faults_on marks is gone at once.
		if (faults_on "$_kind"); then
			_flags=-f
		else
			fail "$_name: faults_on failed"
		fi
	fi
	# shellcheck disable=SC2086 # $_flags and the -t option may be empty
	{ fuzz $_flags ${limit:+-t "$limit"} "$_n" "$fthreads" "$((seed + _k))" \
		</dev/null 2>&1; echo $? >"$S/status"; } | tee "$_out" &
	_pid=$!
	_cycles=0 _bad=0 why=""
	while :; do
		_i=0
		while running "$_pid" && [ $_i -lt 10 ]; do
			sleep 0.1
			_i=$((_i + 1))
		done
		running "$_pid" || break
		reload
		case $? in
		0) _cycles=$((_cycles + 1)) ;;
		1)
			_bad=$((_bad + 1))
			echo "$_name: $why"
			;;
		esac
	done
	wait "$_pid"
	[ "$_kind" != plain ] && faults_off
	loaded || insmod "$KO"

	_status=$(cat "$S/status" 2>/dev/null)
	_last=$(grep -E '^fuzz: [0-9]+ calls, [0-9]+ distinct errnos:' "$_out" | tail -n 1)
	_made=$(echo "$_last" | sed -n 's/^fuzz: \([0-9]*\) calls.*/\1/p')
	if [ "$_status" != 0 ] || [ -z "$_made" ]; then
		fail "$_name: the fuzzer exited ${_status:-?}: $(tail -n 1 "$_out")"
	elif grep -q '^fuzz: unexpected:' "$_out"; then
		fail "$_name: $(grep '^fuzz: unexpected:' "$_out" | head -n 1)"
	elif grep -q '^fuzz: time limit:' "$_out"; then
		pass "$_name: the fuzzer ran until its time limit: ${_last#fuzz: }"
	elif [ "$_made" -lt "$_n" ]; then
		fail "$_name: the fuzzer made $_made of its $_n calls"
	else
		pass "$_name: the fuzzer ran its $_n calls: ${_last#fuzz: }"
	fi
	if [ "$_kind" != plain ] && [ -n "$_flags" ] &&
		! grep -q "^fuzz: fault injection: $fthreads of $fthreads threads marked" "$_out"; then
		fail "$_name: the fuzzer could not mark its threads for fault injection"
	fi

	stats_zero "$_name: kmvx holds no session and no file after the fuzzer"

	# A run shorter than a second: the module still goes and comes back.
	if [ $((_cycles + _bad)) -eq 0 ]; then
		echo "$_name: the fuzzer ended within a second: kmvx reloaded after it"
		if reload; then
			_cycles=1
		else
			_bad=1
		fi
	fi
	if [ "$_bad" -eq 0 ]; then
		pass "$_name: kmvx unloaded and loaded again cleanly, $_cycles time(s)"
	else
		fail "$_name: kmvx did not unload and load again cleanly $_bad of $((_cycles + _bad)) times: $why"
	fi
}

loaded || insmod "$KO"
expect "fuzz: kmvx is loaded before the fuzzer" test -c /dev/mvx

k=1
while [ $k -le "$stretches" ]; do
	n=$((calls / stretches))
	[ $k -eq "$stretches" ] && n=$((calls - n * (stretches - 1)))
	kind=plain
	if [ $faults = yes ] && [ $((k % 2)) -eq 0 ]; then
		case $((k / 2 % 3)) in
		1) kind=all ;;
		2) kind=slab ;;
		0) kind=page ;;
		esac
	fi
	stretch "$k" "$n" "$kind"
	k=$((k + 1))
done

loaded || insmod "$KO"
expect "fuzz: kmvx is loaded at the end" loaded
