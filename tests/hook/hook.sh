#!/bin/sh
# The system call hook of patch 2, through its test module. Runs before
# kmvx is loaded: there is one hook, and kmvx holds it while loaded.
. /mvx/tests/lib/check.sh

expect "hook: insmod mvx_hook_test.ko registers the hook" \
	insmod /mvx/kmod/mvx_hook_test.ko
hooktest
expect "hook: rmmod mvx_hook_test unregisters the hook" rmmod mvx_hook_test
expect "hook: the hook can be registered again after unregistering" \
	sh -c 'insmod /mvx/kmod/mvx_hook_test.ko && rmmod mvx_hook_test'
