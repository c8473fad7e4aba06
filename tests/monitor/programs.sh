#!/bin/sh
# Programs under the monitor behave as without it: each runs once
# unmonitored and once under "umvx run", and both runs must exit 0 with
# the same output, byte for byte. Then execve: a dynamic program runs
# monitored, one that cannot load libmvx (static, set-user-ID, or an
# environment without it) is refused with EPERM unless unmonitored
# execution is allowed; SIGINT from outside reaches a busy loop; a
# preloaded library's write, malloc and memcpy are never called by the
# monitor.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/monitor/lib.sh
new_scratch programs
pl=''

for p in ids forkpipe threads futex signals timers clocks stat tcp udp writev mmapx; do
	compare_program "monitor programs: $p: the same monitored as unmonitored" "$p"
done

# Signals that arrive while a call is in the monitor wait for its end
# (kmvx holds them, patch 6) and reach the handler in the program's own
# context; kmvx counts the excursions that a signal waited for.
held() {
	sed -n 's/^held //p' /sys/kernel/debug/kmvx/signals
}
held0=$(held)
compare_program "monitor programs: sigstorm: timer signals during forwarded calls reach the program's handler" sigstorm
held1=$(held)
expect "monitor programs: sigstorm: signals waited for excursions to end" \
	test "$held1" -gt "$held0"
echo "    excursions a signal waited for: $((held1 - held0))"

# execve of a dynamic program, from a child and from the process itself.
compare_program "monitor programs: execve of a dynamic program in a child" \
	execer "$BIN/showargs" a 'b c'
plain execer-d "$BIN/execer" -d "$BIN/showargs" a 'b c'
monitored execer-d -- "$BIN/execer" -d "$BIN/showargs" a 'b c'
compare "monitor programs: execve of a dynamic program by the process itself" execer-d

# Programs that cannot load libmvx: refused, with libmvx's line.
refusal="libmvx: refusing to execute $BIN/showargs-static: it cannot load libmvx (use --allow-unmonitored-exec)"
monitored static -- "$BIN/execer" "$BIN/showargs-static" x
check_run "monitor programs: execve of a static program in a child is refused (EPERM)" \
	"$S/static.mon" 3 "execer: executing in a child
execve showargs-static: Operation not permitted
execer: the child exited 3" "$refusal"
monitored static-d -- "$BIN/execer" -d "$BIN/showargs-static" x
check_run "monitor programs: execve of a static program by the process itself is refused (EPERM)" \
	"$S/static-d.mon" 3 "execer: executing in this process
execve showargs-static: Operation not permitted" "$refusal"
monitored noenv -- "$BIN/execer" -e "$BIN/showargs" x
check_run "monitor programs: execve with an environment without libmvx is refused (EPERM)" \
	"$S/noenv.mon" 3 "execer: executing in a child
execve showargs: Operation not permitted
execer: the child exited 3" \
	"libmvx: refusing to execute $BIN/showargs: it cannot load libmvx (use --allow-unmonitored-exec)"

# A set-user-ID program: the loader would ignore LD_PRELOAD, so it is
# refused like a static one.
cp "$BIN/showargs" "$S/showargs-suid"
chmod 4755 "$S/showargs-suid"
monitored suid -- "$BIN/execer" "$S/showargs-suid" x
check_run "monitor programs: execve of a set-user-ID program is refused (EPERM)" \
	"$S/suid.mon" 3 "execer: executing in a child
execve showargs-suid: Operation not permitted
execer: the child exited 3" \
	"libmvx: refusing to execute $S/showargs-suid: it cannot load libmvx (use --allow-unmonitored-exec)"

# ... unless allowed, by umvx run's option or libmvx's variable.
plain static "$BIN/execer" "$BIN/showargs-static" x
monitored static --allow-unmonitored-exec -- "$BIN/execer" "$BIN/showargs-static" x
compare "monitor programs: --allow-unmonitored-exec: a static program runs from a monitored one" static
plain noenv "$BIN/execer" -e "$BIN/showargs" x
monitored noenv --allow-unmonitored-exec -- "$BIN/execer" -e "$BIN/showargs" x
compare "monitor programs: --allow-unmonitored-exec: an environment without libmvx runs" noenv
env LD_PRELOAD="$LIBMVX" MVX_ALLOW_UNMONITORED_EXEC=1 timeout "$LIMIT" \
	"$BIN/execer" -d "$BIN/showargs-static" x >"$S/env.mon" 2>"$S/env.mon.err" </dev/null
echo $? >"$S/env.mon.status"
plain env "$BIN/execer" -d "$BIN/showargs-static" x
compare "monitor programs: MVX_ALLOW_UNMONITORED_EXEC=1 (libmvx preloaded by hand): a static program runs" env

# umvx run itself refuses a static PROGRAM before it runs.
monitored static-direct -- "$BIN/showargs-static" x
check_run "monitor programs: umvx run refuses a static program" "$S/static-direct.mon" 125 "" \
	"umvx: $BIN/showargs-static is statically linked and cannot load libmvx (use --allow-unmonitored-exec to run it unmonitored)"
plain static-direct "$BIN/showargs-static" x
monitored static-direct --allow-unmonitored-exec -- "$BIN/showargs-static" x
compare "monitor programs: umvx run --allow-unmonitored-exec runs a static program" static-direct

# SIGINT during a busy loop without system calls: the handler runs, its
# rt_sigreturn goes through the monitor, the loop sees the flag. Sent
# to the program itself, then to umvx run, which forwards it.
# sigint_case NAME TARGET CMD...: TARGET is "program" or "umvx"; NAME
# is a shell variable name.
sigint_case() {
	_n=$1 _target=$2
	shift 2
	if start_bg "$_n" "$@" -p "$S/$_n.pid"; then
		sleep 0.3
		if [ "$_target" = umvx ]; then
			eval "kill -INT \$${_n}_job"
		else
			eval "kill -INT \$$_n"
		fi
		eval "reap \$${_n}_job 20"
		echo $? >"$S/$_n.status"
	else
		echo 1 >"$S/$_n.status"
	fi
}
sigint_case si_plain program "$BIN/sigint"
mv "$S/si_plain.out" "$S/si.plain"
mv "$S/si_plain.err" "$S/si.plain.err"
mv "$S/si_plain.status" "$S/si.plain.status"
for target in program umvx; do
	sigint_case si_mon "$target" umvx run -- "$BIN/sigint"
	mv "$S/si_mon.out" "$S/si.mon"
	mv "$S/si_mon.err" "$S/si.mon.err"
	mv "$S/si_mon.status" "$S/si.mon.status"
	compare "monitor programs: SIGINT to the $target reaches the busy loop's handler" si
done

# A preloaded library after libmvx.so: its write, memcpy and malloc
# count only the program's calls, whatever the monitor does meanwhile.
# (Exported for the whole block: assignments before a function call do
# not reach its commands' environment in every sh.)
export LD_PRELOAD="$INTERPOSE"
plain interpose "$BIN/interpose"
monitored interpose -- "$BIN/interpose"
compare "monitor programs: the monitor never calls the program's write, memcpy, malloc" interpose
start_bg pl umvx run -- "$BIN/pidloop" -p "$S/pl.pid"
started=$?
unset LD_PRELOAD
if [ $started -eq 0 ]; then
	preload=$(tr '\0' '\n' <"/proc/$pl/environ" | sed -n 's/^LD_PRELOAD=//p')
	# umvx may name libmvx.so by another path ($(dirname umvx)/../lib/...).
	first=${preload%%[: ]*}
	rest=${preload#"$first"}
	if [ "$(readlink -f "$first")" = "$(readlink -f "$LIBMVX")" ] &&
		{ [ "$rest" = ":$INTERPOSE" ] || [ "$rest" = " $INTERPOSE" ]; }; then
		pass "monitor programs: umvx run puts libmvx.so before an existing LD_PRELOAD"
	else
		fail "monitor programs: umvx run's LD_PRELOAD is '$preload'"
	fi
	if grep -q '/libinterpose\.so$' "/proc/$pl/maps" && grep -q '/libmvx\.so$' "/proc/$pl/maps"; then
		pass "monitor programs: both libmvx.so and libinterpose.so are loaded"
	else
		fail "monitor programs: libmvx.so or libinterpose.so is not loaded"
	fi
	stop_bg pl >/dev/null
fi
end_jobs
