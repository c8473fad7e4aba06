#!/bin/sh
# What umvx tells a person for each kind of bad input, and its exit status.
. /mvx/tests/lib/check.sh

expect_run "cli: no such process" 1 "umvx: pid 4000000: no such process" \
	umvx -p 4000000 -i
expect_run "cli: a kernel thread" 1 \
	"umvx: pid 2: invalid argument (a kernel thread or an exiting process)" \
	umvx -p 2 -i

# A zombie: its parent exec()s a program that never reaps it. The child
# exits only after that exec: a shell may reap a child that is done
# before it execs (seen with full preemption).
rm -f /tmp/zombie.pid
sh -c '(sleep 0.3) & echo $! > /tmp/zombie.pid; exec sleep 30' &
parent=$!
sleep 1
zombie=$(cat /tmp/zombie.pid)
expect "cli: the test made a zombie" \
	sh -c "grep -q '^State:.*Z' /proc/$zombie/status"
expect_run "cli: an exited, unreaped process" 1 \
	"umvx: pid $zombie: invalid argument (a kernel thread or an exiting process)" \
	umvx -p "$zombie" -i
kill "$parent"
wait

expect_run "cli: a non-root user cannot open the device" 3 \
	"umvx: /dev/mvx: permission denied (run umvx as root)" \
	su -s /bin/sh user -c '/mvx/bin/umvx -p 1 -i'
chmod 0666 /dev/mvx
expect_run "cli: a non-root user is refused on a root process" 1 \
	"umvx: pid 1: operation not permitted (may not ptrace this process)" \
	su -s /bin/sh user -c '/mvx/bin/umvx -p 1 -i'
chmod 0600 /dev/mvx

expect_run "cli: a pid that is not a number is a usage error" 2 \
	"umvx: invalid pid 'abc'
Try 'umvx --help' for more information." \
	umvx -p abc -i
expect_run "cli: -i on the init process works" 0 "" umvx -p 1 -i
