# Fault injection for the in-VM suites, the fuzzer (tests/fuzz/) first:
# kmalloc (failslab) and page allocations (fail_page_alloc) that fail now
# and then, for the chosen processes only. Sourced:
#     . /mvx/tests/lib/faults.sh
# Only the sanitizer kernel can do it (vm/kernel-sanitize.config, `make
# check-sanitize`); as root, since the kernel wants CAP_SYS_RESOURCE to
# mark a process.
#
#   faults_available   status 0 when this kernel can inject faults
#   faults_on [WHAT]   from now on, allocations made by this shell and by
#                      every process it starts afterwards fail now and
#                      then. WHAT: all (default, or $FAULTS_WHAT), slab or
#                      page; the other kind stops failing. The shell's own
#                      forks and redirections can fail too: to mark one
#                      command only, use faults_run.
#   faults_run CMD...  runs CMD with faults on for CMD and what it starts
#                      only; its exit status is CMD's. The kinds as for
#                      faults_on with $FAULTS_WHAT.
#   faults_off         no injected failure any more, for any process, and
#                      this shell unmarked. Call it when done: a process
#                      marked before (a child still running) would fail
#                      again at the next faults_on.
# Functions return 1, with a message on standard error, when a setting
# cannot be written (2 on a bad WHAT). They set variables named _faults_*.
#
# Read by faults_on and faults_run, in the environment or the shell:
#   FAULTS_PROBABILITY  percent of the eligible allocations that fail
#                       (default 10)
#   FAULTS_INTERVAL     only every Nth eligible allocation may fail; with
#                       N > 1, a probability of 100 is what makes sense
#                       (default 1)
#   FAULTS_TIMES        failures at most, for all marked processes
#                       together and counted from faults_on; -1 for no
#                       limit (default -1)
#   FAULTS_MIN_ORDER    page allocations of fewer than 2^N pages never
#                       fail (default 0: single pages fail too; the
#                       kernel's own default is 1)
#
# What counts as eligible: allocations made in process context by a
# marked task (/proc/PID/make-it-fail is 1; a child inherits its parent's
# mark), whether they may sleep or not (ignore-gfp-wait is N: the
# kernel's default spares GFP_KERNEL), never __GFP_NOFAIL ones. The
# injections print nothing (verbose is 0): a failure report brings a
# stack dump that vm/boot would take for a kernel problem.
#
# For one failure at a chosen point instead (syzkaller's way), a marked
# thread writes N to /proc/thread-self/fail-nth: its Nth eligible
# allocation from then on fails, whatever the probability. See
# Documentation/fault-injection/fault-injection.rst in the kernel.

_faults_debugfs=/sys/kernel/debug

faults_available() {
	[ -d "$_faults_debugfs/failslab" ] &&
		[ -d "$_faults_debugfs/fail_page_alloc" ] &&
		[ -e /proc/self/make-it-fail ]
}

# _faults_set FILE VALUE: writes VALUE to FILE, again if the write fails:
# in a shell with faults on, the open() of FILE can be what fails.
_faults_set() {
	_faults_try=0
	until echo "$2" 2>/dev/null > "$1"; do
		_faults_try=$((_faults_try + 1))
		if [ $_faults_try -ge 100 ]; then
			echo "faults: cannot write $2 to $1" >&2
			return 1
		fi
	done
}

# _faults_arm WHAT: sets every knob of the kinds WHAT names, and turns
# the other kind off. The task filter goes first: with it off, a
# probability above zero would fail every task's allocations.
_faults_arm() {
	if ! faults_available; then
		echo "faults: this kernel cannot inject faults (not the sanitizer kernel?)" >&2
		return 1
	fi
	case $1 in
	all) _faults_kinds="failslab fail_page_alloc" ;;
	slab) _faults_kinds=failslab ;;
	page) _faults_kinds=fail_page_alloc ;;
	*)
		echo "faults: what to fail: all, slab or page, not '$1'" >&2
		return 2
		;;
	esac
	for _faults_kind in failslab fail_page_alloc; do
		_faults_d=$_faults_debugfs/$_faults_kind
		_faults_set "$_faults_d/task-filter" Y || return 1
		case " $_faults_kinds " in
		*" $_faults_kind "*) ;;
		*)
			_faults_set "$_faults_d/probability" 0 || return 1
			continue
			;;
		esac
		_faults_set "$_faults_d/verbose" 0 &&
			_faults_set "$_faults_d/ignore-gfp-wait" N &&
			_faults_set "$_faults_d/space" 0 &&
			_faults_set "$_faults_d/interval" "${FAULTS_INTERVAL:-1}" &&
			_faults_set "$_faults_d/times" "${FAULTS_TIMES:--1}" || return 1
		if [ "$_faults_kind" = fail_page_alloc ]; then
			_faults_set "$_faults_d/min-order" "${FAULTS_MIN_ORDER:-0}" || return 1
		fi
		_faults_set "$_faults_d/probability" "${FAULTS_PROBABILITY:-10}" || return 1
	done
}

faults_on() {
	_faults_arm "${1:-${FAULTS_WHAT:-all}}" || return
	# /proc/self is this shell: echo is a builtin, the shell opens the file.
	_faults_set /proc/self/make-it-fail 1
}

faults_run() {
	_faults_arm "${FAULTS_WHAT:-all}" || return
	# The subshell is the process that is marked, and then becomes CMD.
	(_faults_set /proc/self/make-it-fail 1 && exec "$@")
}

faults_off() {
	faults_available || return 0
	# Probabilities first: tasks marked earlier, this shell among them,
	# stop failing at once, and the rest cannot fail half-way.
	_faults_set "$_faults_debugfs/failslab/probability" 0 &&
		_faults_set "$_faults_debugfs/fail_page_alloc/probability" 0 &&
		_faults_set /proc/self/make-it-fail 0
}
