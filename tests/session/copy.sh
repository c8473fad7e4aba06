#!/bin/sh
# Remap (-c) and duplicate (-d) on the static writer, for each of the
# write system calls, with 4 threads: what reaches each file, byte for
# byte, and that SIGINT to umvx restores the writer exactly. The writer's
# descriptor is close-on-exec, which must survive. See copy_case in
# lib.sh for the checks.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/session/lib.sh
new_scratch copy

for mode in write writev pwrite64 pwritev pwritev2; do
	for op in -c -d; do
		copy_case copy writer-static "$mode" "$op" counters -C
	done
done

# Threads created during the session (writer -T 2: phase 2 is written by
# new threads) are part of it: they get the hook from the fork callback.
for op in -c -d; do
	copy_case copy writer write "$op" counters -T 2
done

# --truncate: dest starts empty whatever it held, and is not O_APPEND, so
# a pwrite remap writes at the writer's own offsets: phase 1's place in
# dest is a hole.
t="copy: writer-static pwrite64 -c --truncate"
d=$S/truncate
mkdir -p "$d"
head -c 10000 /dev/urandom >"$d/dest"
start_writer w writer-static -m pwrite64 -t "$THREADS" -n "$BLOCKS" -b "$BS" -o "$d/orig"
phase w 1
if start_umvx u -p "$w" -c 3 "$d/dest" --truncate; then
	phase w 2
	stop_umvx u INT 0 "umvx: pid $w fd 3: restored" "$t: umvx exits 0 on SIGINT"
fi
phase w 3
stop_writer w
check_blocks "$t: dest holds phase 2 after a hole of phase 1's size" \
	-b "$BS" -z "$PHASE_BLOCKS" -e "0-$((THREADS - 1)):2:$BLOCKS" "$d/dest"

# Without --truncate, dest is appended to.
t="copy: writer-static write -d, dest appended to"
d=$S/append
mkdir -p "$d"
printf 'kept\n' >"$d/dest"
start_writer w writer-static -m write -t "$THREADS" -n "$BLOCKS" -b "$BS" -o "$d/orig"
phase w 1
if start_umvx u -p "$w" -d 3 "$d/dest"; then
	phase w 2
	stop_umvx u INT 0 "umvx: pid $w fd 3: restored" "$t: umvx exits 0 on SIGINT"
fi
stop_writer w
{
	printf 'kept\n'
	blockcheck -b "$BS" -X "0-$((THREADS - 1)):2" "$d/orig"
} >"$d/want"
expect "$t: dest is what it held, then phase 2" cmp "$d/want" "$d/dest"

# sendfile, splice and copy_file_range into a duplicated fd: counted as
# skipped, not copied (the kernel refuses them on O_APPEND files, so the
# writer uses pwrite64 and explicit offsets).
t="copy: sendfile, splice, copy_file_range under -d"
d=$S/skip
mkdir -p "$d"
start_writer w writer-static -m pwrite64 -t "$THREADS" -n "$BLOCKS" -b "$BS" \
	-x sendfile,splice,copy_file_range -o "$d/orig"
phase w 1
if start_umvx u -p "$w" -d 3 "$d/dest"; then
	phase w 2
	if wait_for "$S/u.err" ": active, $PHASE_BLOCKS writes, $PHASE_BYTES bytes, 0 errors, 3 skipped, " 4; then
		pass "$t: umvx counts 3 skipped calls"
	else
		fail "$t: umvx's status line: $(tail -n 1 "$S/u.err")"
	fi
	stop_umvx u INT 0 "umvx: pid $w fd 3: restored" "$t: umvx exits 0 on SIGINT"
fi
stop_writer w
check_blocks "$t: orig holds the blocks of all three calls" \
	-b "$BS" -e "0-$((THREADS - 1)):1-2:$BLOCKS" -e "200-202:1-2:1" "$d/orig"
check_blocks "$t: dest holds phase 2 without them" \
	-b "$BS" -e "0-$((THREADS - 1)):2:$BLOCKS" "$d/dest"

end_jobs
