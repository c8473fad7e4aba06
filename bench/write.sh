#!/bin/sh
# Write throughput of a process writing 4 KiB blocks to a tmpfs file
# (fakeproc -b 4096 -r 0, one thread), three ways:
#   none  the process alone
#   dup   with umvx -d copying its writes to a second tmpfs file
#   tee   the process also writing its blocks to standard output, piped
#         through "tee FILE >/dev/null": the user-space way to get a copy
# Each way runs ROUNDS times, interleaved; the best run counts. Prints a
# table and "BENCH: name value unit" lines. Figures, never a verdict.
#
# Environment: MVX_BENCH_MB (default 64) MiB per run, MVX_BENCH_ROUNDS
# (default 3). Needs kmvx loaded, umvx and fakeproc-static on PATH.
MB=${MVX_BENCH_MB:-64}
ROUNDS=${MVX_BENCH_ROUNDS:-3}
BS=4096
count=$((MB * 1024 * 1024 / BS))
bytes=$((count * BS))
dir=/tmp/bench.write
clock=/mvx/bench/nsclock
rm -rf "$dir"
mkdir -p "$dir"

# wait_file FILE: until FILE is not empty (10 s at most).
wait_file() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# run_once WAY: one run; prints its bytes per second, or "-" if the run
# did not write everything it should have.
run_once() {
	rm -f "$dir/out" "$dir/copy" "$dir/pid" "$dir/umvx.err"
	if [ "$1" = tee ]; then
		fakeproc-static -w -r 0 -b "$BS" -n "$count" -o "$dir/out" \
			-p "$dir/pid" 2>/dev/null | tee "$dir/copy" >/dev/null &
	else
		fakeproc-static -q -w -r 0 -b "$BS" -n "$count" -o "$dir/out" \
			-p "$dir/pid" 2>/dev/null &
	fi
	job=$!
	wait_file "$dir/pid"
	pid=$(cat "$dir/pid")
	if [ "$1" = dup ]; then
		umvx -p "$pid" -d 3 "$dir/copy" --no-tui </dev/null 2>"$dir/umvx.err" &
		umvx=$!
		i=0
		while ! grep -q ': duplicating to ' "$dir/umvx.err" && [ $i -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	fi

	t0=$($clock)
	kill -USR1 "$pid"
	wait "$job"
	t1=$($clock)

	if [ "$1" = dup ]; then
		wait "$umvx"	# it ends by itself when fakeproc exits
	fi
	ok=1
	[ "$(wc -c <"$dir/out")" -eq "$bytes" ] || ok=0
	if [ "$1" != none ] && [ "$(wc -c 2>/dev/null <"$dir/copy")" != "$bytes" ]; then
		ok=0
	fi
	if [ $ok -eq 1 ]; then
		echo $((bytes * 1000000000 / (t1 - t0)))
	else
		echo "write: a $1 run wrote $(wc -c <"$dir/out") and copied" \
			"$(wc -c 2>/dev/null <"$dir/copy") of $bytes bytes:" \
			"$(cat "$dir/umvx.err" 2>/dev/null)" >&2
		echo -
	fi
	rm -f "$dir/out" "$dir/copy"
}

best_none=0 best_dup=0 best_tee=0
r=1
while [ $r -le "$ROUNDS" ]; do
	for way in none dup tee; do
		v=$(run_once $way)
		echo "write: round $r, $way: $v bytes/s" >&2
		[ "$v" = - ] && continue
		case $way in
		none) [ "$v" -gt "$best_none" ] && best_none=$v ;;
		dup) [ "$v" -gt "$best_dup" ] && best_dup=$v ;;
		tee) [ "$v" -gt "$best_tee" ] && best_tee=$v ;;
		esac
	done
	r=$((r + 1))
done

echo "write: fakeproc-static, one thread, $BS-byte blocks, $MB MiB to tmpfs, best of $ROUNDS"
# A way whose every run failed is shown as such and has no BENCH line.
awk -v none="$best_none" -v dup="$best_dup" -v tee="$best_tee" '
function row(label, v) {
	if (!v)
		printf "  %-30s %14s %8s\n", label, "(failed)", "-"
	else if (!none)
		printf "  %-30s %14d %8s\n", label, v, "-"
	else
		printf "  %-30s %14d %8.3f\n", label, v, v / none
}
function bench(name, v) {
	if (v)
		printf "BENCH: write-%s %d B/s\n", name, v
	if (v && none && name != "none")
		printf "BENCH: write-%s-ratio %.3f x\n", name, v / none
}
BEGIN {
	printf "  %-30s %14s %8s\n", "", "bytes/s", "ratio"
	row("no session", none)
	row("umvx -d to a tmpfs file", dup)
	row("stdout | tee FILE >/dev/null", tee)
	bench("none", none)
	bench("dup", dup)
	bench("tee", tee)
}'
rm -rf "$dir"
