#!/bin/sh
# rmmod kmvx while sessions live is refused and changes nothing: the
# sessions go on and end normally; then the module unloads and loads
# again. Runs before module/unload.sh and leaves kmvx loaded for it.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/session/lib.sh
new_scratch rmmod
all="0-$((THREADS - 1))"

start_writer w writer-static -m write -t "$THREADS" -n "$BLOCKS" -b "$BS" \
	-o "$S/orig3" -o "$S/orig4"
phase w 1
before=$(fdtable "$w" "1 2 4")
if start_umvx u1 -p "$w" -c 3 "$S/dest3" && start_umvx u2 -p "$w" -d 4 "$S/dest4"; then
	during=$(fdtable "$w" "1 2 4")
	expect "rmmod: rmmod kmvx is refused while a remap and a duplicate live" \
		sh -c '! rmmod kmvx 2>/dev/null'
	expect "rmmod: kmvx is still loaded" sh -c 'lsmod | grep -q "^kmvx "'
	expect "rmmod: /dev/mvx is still there" test -c /dev/mvx
	same "rmmod: the refused rmmod changed nothing in the writer" \
		"$during" "$(fdtable "$w" "1 2 4")"
	phase w 2
	stop_umvx u1 INT 0 "umvx: pid $w fd 3: restored" "rmmod: the remap ends normally"
	stop_umvx u2 INT 0 "umvx: pid $w fd 4: restored" "rmmod: the duplicate ends normally"
fi
same "rmmod: the writer's descriptors are as before" "$before" "$(fdtable "$w" "1 2 4")"
stats_zero "rmmod: kmvx holds no session and no file"

expect "rmmod: rmmod kmvx works once the sessions ended" rmmod kmvx
expect "rmmod: /dev/mvx is gone" test ! -e /dev/mvx
expect "rmmod: kmvx loads again" insmod /mvx/kmod/kmvx.ko
expect "rmmod: /dev/mvx is back" test -c /dev/mvx
stats_zero "rmmod: the reloaded kmvx holds nothing"

phase w 3
stop_writer w
check_blocks "rmmod: orig3 holds phases 1 and 3" \
	-b "$BS" -e "$all:1:$BLOCKS" -e "$all:3:$BLOCKS" "$S/orig3"
check_blocks "rmmod: dest3 holds phase 2" -b "$BS" -e "$all:2:$BLOCKS" "$S/dest3"
check_blocks "rmmod: orig4 holds phases 1 to 3" -b "$BS" -e "$all:1-3:$BLOCKS" "$S/orig4"
check_blocks "rmmod: dest4 holds phase 2" -b "$BS" -e "$all:2:$BLOCKS" "$S/dest4"

end_jobs
# Whatever happened above, module/unload.sh starts from a loaded kmvx.
lsmod | grep -q '^kmvx ' || insmod /mvx/kmod/kmvx.ko
