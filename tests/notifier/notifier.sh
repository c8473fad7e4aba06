#!/bin/sh
# A monitored process with an MMU notifier, as a secondary MMU (KVM's,
# an IOMMU's) registers: such an MMU may map the monitor's pages too, so
# the return of every excursion must tell it that their entries went
# away (kmod/area.c). mvx_notifier_test.ko counts the invalidations that
# reach the monitor's first "[mvx]" mapping of a monitored pidloop.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=../monitor/lib.sh
. /mvx/tests/monitor/lib.sh
new_scratch notifier
count=/sys/module/mvx_notifier_test/parameters/invalidations

if start_bg nl umvx run -- "$BIN/pidloop" -i 10 -p "$S/nl.pid"; then
	# shellcheck disable=SC2154 # start_bg sets $nl
	range=$(grep '\[mvx\]' "/proc/$nl/maps" | head -n 1 | cut -d' ' -f1)
	if [ -n "$range" ] && insmod /mvx/kmod/mvx_notifier_test.ko \
		pid="$nl" start="0x${range%-*}" end="0x${range#*-}"; then
		pass "notifier: an MMU notifier registers on a monitored process"
		n1=$(cat "$count")
		before=$(forwarded "$nl")
		sleep 1
		after=$(forwarded "$nl")
		n2=$(cat "$count")
		calls=$((after - before))
		# An excursion counted in $after may not have returned yet.
		if [ "$calls" -gt 0 ] && [ $((n2 - n1)) -ge $((calls - 1)) ]; then
			pass "notifier: each return tells the notifier ($((n2 - n1)) invalidations of [mvx] $range, $calls calls)"
		else
			fail "notifier: $((n2 - n1)) invalidations of [mvx] $range for $calls forwarded calls"
		fi
		expect "notifier: rmmod mvx_notifier_test unregisters the notifier" \
			rmmod mvx_notifier_test
	else
		fail "notifier: no MMU notifier on pid $nl ([mvx] '$range')"
	fi
	stop_bg nl
	status=$?
	if [ "$status" -eq 0 ]; then
		pass "notifier: pidloop saw its own pid throughout and exits 0"
	else
		fail "notifier: pidloop exits $status"
		show "$S/nl.err"
	fi
fi
end_jobs
