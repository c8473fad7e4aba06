#!/bin/sh
# umvx -p PID -i agrees with /proc on static and dynamic fakeproc and on a
# real program (busybox).
. /mvx/tests/lib/check.sh

start_fakeproc static fakeproc-static -q -r 0.2
start_fakeproc dynamic fakeproc -q -r 0.2 -t 2
expect "inspect: static fakeproc started" test -n "$static"
expect "inspect: dynamic fakeproc started" test -n "$dynamic"

fdcheck /mvx/bin/umvx "$static" static
fdcheck /mvx/bin/umvx "$dynamic" dynamic

# busybox with a pipe, a directory and a file of its own.
mkdir -p /tmp/bbdir
(
	cd /tmp/bbdir && exec 7</tmp/bbdir 8>>/tmp/bbdir/log
	echo hello >&8
	exec sleep 600
) | cat >/dev/null &
sleep 0.5
bb=$(pidof sleep | cut -d' ' -f1)
fdcheck /mvx/bin/umvx "$bb" busybox-sleep dir,reg,fifo

kill "$static" "$dynamic" "$bb" 2>/dev/null
wait 2>/dev/null
