#!/bin/sh
# Unloading kmvx removes /dev/mvx; loading again works.
. /mvx/tests/lib/check.sh

expect "module: rmmod kmvx succeeds" rmmod kmvx
expect "module: /dev/mvx is gone after rmmod" test ! -e /dev/mvx
expect_run "module: umvx says the module is not loaded" 3 \
	"umvx: /dev/mvx: no such device: the kmvx module is not loaded (load it with 'modprobe kmvx' or 'insmod kmvx.ko')" \
	umvx -p 1 -i

ok=1
i=0
while [ $i -lt 20 ]; do
	insmod /mvx/kmod/kmvx.ko && umvx -p 1 -i >/dev/null && rmmod kmvx || ok=0
	i=$((i + 1))
done
expect "module: 20 load, use, unload cycles" test $ok -eq 1

# A monitored process frees its monitor after an RCU grace period: kmvx
# must not go before that has run (the console check catches an oops).
ok=1
i=0
while [ $i -lt 20 ]; do
	insmod /mvx/kmod/kmvx.ko &&
		umvx run -- /mvx/bin/ids >/dev/null &&
		rmmod kmvx || ok=0
	i=$((i + 1))
done
expect "module: 20 load, monitor a process, unload cycles" test $ok -eq 1
