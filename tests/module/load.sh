#!/bin/sh
# Loading kmvx creates /dev/mvx.
. /mvx/tests/lib/check.sh

expect "module: insmod kmvx.ko succeeds" insmod /mvx/kmod/kmvx.ko
expect "module: kmvx is listed by lsmod" sh -c 'lsmod | grep -q "^kmvx "'
expect "module: /dev/mvx is a character device" test -c /dev/mvx
expect "module: /dev/mvx is mode 0600, owned by root" \
	sh -c '[ "$(stat -c %a:%u /dev/mvx)" = 600:0 ]'
expect "module: kmvx says it is ready" \
	sh -c 'dmesg | grep -q "kmvx: /dev/mvx ready, API version 9"'
expect "module: kmvx holds the one system call hook: a second user is refused" \
	sh -c '! insmod /mvx/kmod/mvx_hook_test.ko 2>/dev/null'
expect "module: debugfs accounting starts at zero" \
	sh -c '[ "$(cat /sys/kernel/debug/kmvx/stats)" = "$(printf "sessions 0\nfiles 0")" ]'
