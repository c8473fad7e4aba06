#!/bin/sh
# Loading kmvx creates /dev/mvx.
. /mvx/tests/lib/check.sh

expect "module: insmod kmvx.ko succeeds" insmod /mvx/kmod/kmvx.ko
expect "module: kmvx is listed by lsmod" sh -c 'lsmod | grep -q "^kmvx "'
expect "module: /dev/mvx is a character device" test -c /dev/mvx
expect "module: /dev/mvx is mode 0600, owned by root" \
	sh -c '[ "$(stat -c %a:%u /dev/mvx)" = 600:0 ]'
expect "module: kmvx says it is ready" \
	sh -c 'dmesg | grep -q "kmvx: /dev/mvx ready, API version 1"'
