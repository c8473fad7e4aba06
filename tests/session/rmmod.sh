#!/bin/sh
# rmmod kmvx while a remap and a duplicate live: the unload ends both
# sessions and restores the writer, both umvx report it and exit 0, and
# nothing the writer wrote before, during or after is lost or copied
# twice. Then the module loads again. Runs before module/unload.sh and
# leaves kmvx loaded for it.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/session/lib.sh
new_scratch rmmod
all="0-$((THREADS - 1))"
unloaded="session ended: the kmvx module was unloaded (restored)"

start_writer w writer-static -m write -t "$THREADS" -n "$BLOCKS" -b "$BS" \
	-o "$S/orig3" -o "$S/orig4"
phase w 1
before=$(fdtable "$w" "1 2 4")
if start_umvx u1 -p "$w" -c 3 "$S/dest3" && start_umvx u2 -p "$w" -d 4 "$S/dest4"; then
	phase w 2
	expect "rmmod: rmmod kmvx works while a remap and a duplicate live" \
		rmmod kmvx
	expect "rmmod: /dev/mvx is gone" test ! -e /dev/mvx
	same "rmmod: the unload restored the writer's descriptors" \
		"$before" "$(fdtable "$w" "1 2 4")"
	stop_umvx u1 - 0 "umvx: pid $w fd 3: $unloaded" \
		"rmmod: the remap's umvx reports the unload and exits 0"
	stop_umvx u2 - 0 "umvx: pid $w fd 4: $unloaded" \
		"rmmod: the duplicate's umvx reports the unload and exits 0"
fi
same "rmmod: the writer's descriptors are as before" "$before" "$(fdtable "$w" "1 2 4")"

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
