#!/bin/sh
# Checks common/syscalls.tbl against Linux 6.1 for x86_64:
#  1. every __NR_ of the uapi unistd_64.h (and every common/64 row of the
#     kernel's syscall_64.tbl) has exactly one row, numbers ascending,
#     names equal; MVX_NR_mvx only as the last row
#  2. every row has as many ARG words as the kernel's x86_64 entry point
#     has arguments (SYSCALL_DEFINEn of arch/x86 first, then of the
#     generic code, then the prototype of include/linux/syscalls.h for a
#     call the kernel only declares; sys_ni_syscall has none)
#  3. every class, return kind and argument word is one of the header's;
#     every N names another argument of the row; every TYPE used is
#     defined and every TYPE defined is used
#  4. every TYPE's size is sizeof() of its kernel uapi struct, compiled
#     here for x86_64
# Prints one line per problem and exits 1 if there is any.
#
# usage: check.sh [TABLE [KERNEL_SOURCE]]
#   KERNEL_SOURCE: a source tree or the linux-source tarball
#   (default /usr/src/linux-source-6.1.tar.xz)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
table=${1:-$here/../../common/syscalls.tbl}
src=${2:-/usr/src/linux-source-6.1.tar.xz}
unistd=/usr/include/x86_64-linux-gnu/asm/unistd_64.h
[ -r "$unistd" ] || unistd=/usr/include/asm/unistd_64.h
cc=${CC:-cc}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

for f in "$table" "$unistd" "$src"; do
	[ -e "$f" ] || { echo "check: $f missing" >&2; exit 2; }
done
if [ -d "$src" ]; then
	ksrc=$src
else
	tar -xJf "$src" -C "$tmp" --wildcards '*.c' \
		'*/arch/x86/entry/syscalls/syscall_64.tbl' \
		'*/include/linux/syscalls.h'
	ksrc=$(echo "$tmp"/linux-*)
fi
ktbl=$ksrc/arch/x86/entry/syscalls/syscall_64.tbl
[ -r "$ktbl" ] || { echo "check: $ktbl missing" >&2; exit 2; }

# --- what the kernel says ------------------------------------------------

# "NR NAME" of the uapi header.
awk '$1 == "#define" && $2 ~ /^__NR_/ { sub(/^__NR_/, "", $2); print $3, $2 }' \
	"$unistd" | sort -n >"$tmp/uapi"

# "NR NAME ENTRY" of the kernel's table, x32 rows left out (ENTRY "-"
# where the kernel has none: sys_ni_syscall).
awk '!/^#/ && NF >= 3 && $2 != "x32" { print $1, $3, (NF >= 4 ? $4 : "-") }' \
	"$ktbl" | sort -n >"$tmp/ktbl"

# "WHERE N NAME" of every SYSCALL_DEFINEn: x86's, then the generic code's;
# then "proto N NAME" of the declarations of include/linux/syscalls.h.
{
	grep -rhoE '^SYSCALL_DEFINE[0-6]\([a-z0-9_]+' --include='*.c' \
		"$ksrc/arch/x86" | sed 's/^SYSCALL_DEFINE\([0-6]\)(/x86 \1 /'
	grep -rhoE '^SYSCALL_DEFINE[0-6]\([a-z0-9_]+' --include='*.c' \
		--exclude-dir=arch "$ksrc" | sed 's/^SYSCALL_DEFINE\([0-6]\)(/gen \1 /'
	awk '
		/^asmlinkage long sys_[a-z0-9_]+\(/ { text = ""; on = 1 }
		on { text = text $0 " " }
		on && /;/ {
			on = 0
			name = text; sub(/^asmlinkage long sys_/, "", name); sub(/\(.*/, "", name)
			args = text; sub(/^[^(]*\(/, "", args); sub(/\)[^)]*$/, "", args)
			gsub(/[ \t]+/, " ", args); sub(/^ /, "", args); sub(/ $/, "", args)
			n = (args == "void" || args == "") ? 0 : split(args, a, ",")
			print "proto", n, name
		}' "$ksrc/include/linux/syscalls.h"
	# Where x86_64 takes a branch of an #ifdef the plain grep cannot
	# see: kernel/fork.c has clone with 6 arguments for
	# CONFIG_CLONE_BACKWARDS3 (another architecture's), 5 otherwise.
	echo "x86fix 5 clone"
} >"$tmp/defs"

# --- the checks ---------------------------------------------------------

status=0
awk -v uapi="$tmp/uapi" -v ktbl="$tmp/ktbl" -v defs="$tmp/defs" \
	-v types_out="$tmp/types" -v table="$table" '
function problem(msg) { printf "%s: %s\n", table, msg; bad = 1 }
BEGIN {
	while ((getline l < uapi) > 0) {
		split(l, a, " "); un[a[1]] = a[2]; unames[a[2]] = a[1]; nu++
	}
	while ((getline l < ktbl) > 0) {
		split(l, a, " ")
		if (a[2] == "mvx")	# patch/ adds it: the MVX_NR_mvx row
			continue
		if (!(a[1] in un) || un[a[1]] != a[2])
			problem("kernel table has " a[1] " " a[2] ", uapi header " un[a[1]])
		entry[a[1]] = a[3]
	}
	while ((getline l < defs) > 0) {
		split(l, a, " ")
		w = a[1]; n = a[2]; d = a[3]
		if (w == "x86fix") { fix[d] = n; continue }
		key = w SUBSEP d
		if (key in cnt && cnt[key] != n)
			multi[key] = 1
		cnt[key] = n
	}
	split("leader all virt lock refuse", a, " "); for (i in a) cls[a[i]] = 1
	split("int fd pid addr none", a, " "); for (i in a) rets[a[i]] = 1
	split("int uint flags mode fd dirfd pid sig addr opaque str strv msg msgr", a, " ")
	for (i in a) plain[a[i]] = 1
	split("in out io", a, " "); for (i in a) fixed[a[i]] = 1
	split("in out outr io iov iovr mmsg mmsgr sa saout fdset", a, " ")
	for (i in a) counted[a[i]] = 1
	split("in outr io", a, " "); for (i in a) arrays[a[i]] = 1
	last = -1
}
# The number of arguments of x86_64 entry point sys_NAME, or -1.
function nargs_of(e,    d) {
	if (e == "-" || e == "sys_ni_syscall")
		return 0
	d = e; sub(/^sys_/, "", d)
	if (d in fix) return fix[d]
	if (("x86" SUBSEP d) in cnt && !(("x86" SUBSEP d) in multi)) return cnt["x86" SUBSEP d]
	if (("x86" SUBSEP d) in multi) return -2
	if (("gen" SUBSEP d) in cnt && !(("gen" SUBSEP d) in multi)) return cnt["gen" SUBSEP d]
	if (("gen" SUBSEP d) in multi) return -2
	if (("proto" SUBSEP d) in cnt && !(("proto" SUBSEP d) in multi)) return cnt["proto" SUBSEP d]
	return -1
}
function use_type(t, where) {
	if (t ~ /^[0-9]+$/) return
	if (!(t in tsize)) problem(where ": type " t " not defined")
	tused[t] = 1
}
/^#/ || NF == 0 { next }
$1 == "type" {
	if (NF != 3 || $3 !~ /^[0-9]+$/) problem("line " NR ": bad type line")
	else if ($2 in tsize) problem("type " $2 " defined twice")
	else { tsize[$2] = $3; torder[++nt] = $2 }
	next
}
{
	where = "line " NR " (" $2 ")"
	if ($0 ~ / /) problem(where ": a blank, not a tab, between words")
	if ($1 == "MVX_NR_mvx") {
		if (seen_mvx) problem(where ": MVX_NR_mvx twice")
		seen_mvx = 1
		if ($2 != "mvx") problem(where ": MVX_NR_mvx is not named mvx")
	} else {
		if (seen_mvx) problem(where ": a row after MVX_NR_mvx")
		if ($1 !~ /^[0-9]+$/ || $1 + 0 <= last)
			problem(where ": number " $1 " not above " last)
		last = $1 + 0
		if (!($1 in un)) problem(where ": " $1 " is no x86_64 system call")
		else if (un[$1] != $2) problem(where ": " $1 " is " un[$1] ", not " $2)
		if ($1 in rows) problem(where ": " $1 " twice")
		rows[$1] = 1
	}
	if (!($3 in cls)) problem(where ": unknown class " $3)
	if (!($4 in rets)) problem(where ": unknown return kind " $4)
	n = NF - 4
	if ($1 != "MVX_NR_mvx" && ($1 in un)) {
		k = nargs_of(entry[$1])
		if (k == -1) problem(where ": no entry point " entry[$1] " found")
		else if (k == -2) problem(where ": " entry[$1] " defined with several argument counts")
		else if (k != n) problem(where ": " n " arguments, " entry[$1] " has " k)
	}
	for (i = 5; i <= NF; i++) {
		w = $i
		if (w in plain) continue
		if (match(w, /^[a-z]+=/)) {
			kind = substr(w, 1, RLENGTH - 1)
			if (!(kind in fixed)) problem(where ": unknown argument " w)
			use_type(substr(w, RLENGTH + 1), where)
			continue
		}
		if (!match(w, /^[a-z]+:/)) { problem(where ": unknown argument " w); continue }
		kind = substr(w, 1, RLENGTH - 1); rest = substr(w, RLENGTH + 1)
		if (!(kind in counted)) { problem(where ": unknown argument " w); continue }
		if (index(rest, "*")) {
			if (!(kind in arrays)) problem(where ": no array of " kind ": " w)
			use_type(substr(rest, index(rest, "*") + 1), where)
			rest = substr(rest, 1, index(rest, "*") - 1)
		}
		if (rest !~ /^[0-5]$/ || rest + 0 >= n) problem(where ": " w ": no argument " rest)
		else if (rest + 0 == i - 5) problem(where ": " w " refers to itself")
	}
}
END {
	for (nr in un) if (!(nr in rows)) problem("no row for " nr " " un[nr])
	if (!seen_mvx) problem("no row for MVX_NR_mvx")
	for (i = 1; i <= nt; i++) {
		t = torder[i]
		if (!(t in tused)) problem("type " t " defined but not used")
		print t, tsize[t] > types_out
	}
	exit bad
}' "$table" || status=1

# --- the sizes of the types ---------------------------------------------

# The kernel's own definitions: uapi headers only, no libc header (whose
# struct stat, sigaction, timeval are not the kernel's).
cat >"$tmp/sizes.c" <<'EOF'
#include <linux/types.h>
#include <linux/time_types.h>
#include <linux/time.h>
#include <asm/stat.h>
#include <asm/statfs.h>
#include <linux/stat.h>
#include <linux/resource.h>
#include <linux/times.h>
#include <linux/utsname.h>
#include <linux/sysinfo.h>
#include <asm/signal.h>
#include <asm/siginfo.h>
#include <linux/poll.h>
#include <linux/eventpoll.h>
#include <linux/sched/types.h>
#include <linux/timex.h>
#include <linux/mqueue.h>
#include <linux/utime.h>
#include <linux/capability.h>
#include <linux/aio_abi.h>
#include <linux/sem.h>
#include <linux/io_uring.h>
#include <linux/openat2.h>
#include <linux/mount.h>
#include <linux/rseq.h>
#include <linux/sched.h>
#include <linux/landlock.h>
#include <linux/futex.h>
#include <asm/ldt.h>
extern int printf(const char *, ...);
/* struct ustat is not uapi: include/linux/types.h's, for x86_64. */
struct kernel_ustat {
	__kernel_daddr_t f_tfree;
	unsigned long f_tinode;
	char f_fname[6];
	char f_fpack[6];
};
#define T(name, type) printf("%s %zu\n", #name, sizeof(type))
int main(void)
{
	T(int32, __s32);
	T(int64, __s64);			/* loff_t, time_t, aio_context_t */
	T(socklen, int);			/* the kernel's socklen_t */
	T(timespec, struct __kernel_timespec);
	T(timeval, struct __kernel_old_timeval);
	T(timeval2, struct __kernel_old_timeval[2]);	/* utimes */
	T(timespec2, struct __kernel_timespec[2]);	/* utimensat */
	T(timezone, struct timezone);
	T(itimerval, struct itimerval);		/* __kernel_old_itimerval */
	T(itimerspec, struct __kernel_itimerspec);
	T(stat, struct stat);
	T(statfs, struct statfs);
	T(statx, struct statx);
	T(rlimit, struct rlimit);
	T(rlimit64, struct rlimit64);
	T(rusage, struct rusage);
	T(tms, struct tms);
	T(utsname, struct new_utsname);
	T(sysinfo, struct sysinfo);
	T(sigaction, struct sigaction);		/* handler, flags, restorer, mask */
	T(sigaltstack, stack_t);
	T(siginfo, siginfo_t);
	T(sigevent, sigevent_t);
	T(pollfd, struct pollfd);
	T(epoll_event, struct epoll_event);	/* packed on x86_64 */
	T(sched_param, struct sched_param);
	T(sched_attr, struct sched_attr);
	T(timex, struct __kernel_timex);
	T(mq_attr, struct mq_attr);
	T(utimbuf, struct utimbuf);
	T(capheader, struct __user_cap_header_struct);
	T(capdata, struct __user_cap_data_struct[_LINUX_CAPABILITY_U32S_3]);
	T(ustat, struct kernel_ustat);
	T(io_event, struct io_event);
	T(sembuf, struct sembuf);
	T(io_uring_params, struct io_uring_params);
	T(fd_pair, int[2]);
	T(open_how, struct open_how);
	T(mount_attr, struct mount_attr);
	T(rseq, struct rseq);
	T(clone_args, struct clone_args);
	T(landlock_ruleset_attr, struct landlock_ruleset_attr);
	T(robust_list_head, struct robust_list_head);
	T(futex_waitv, struct futex_waitv);
	T(user_desc, struct user_desc);
	return 0;
}
EOF
if ! "$cc" -Wall -Werror -o "$tmp/sizes" "$tmp/sizes.c" >"$tmp/cc.err" 2>&1; then
	cat "$tmp/cc.err"
	echo "check: the sizes program does not build" >&2
	exit 2
fi
"$tmp/sizes" >"$tmp/sizes.out"
awk -v table="$table" -v sizes="$tmp/sizes.out" '
BEGIN { while ((getline l < sizes) > 0) { split(l, a, " "); real[a[1]] = a[2] } }
{
	if (!($1 in real)) { printf "%s: type %s: no C type to measure (add it to check.sh)\n", table, $1; bad = 1 }
	else if (real[$1] != $2) { printf "%s: type %s is %s bytes, not %s\n", table, $1, real[$1], $2; bad = 1 }
}
END { exit bad }' "$tmp/types" || status=1

[ $status -eq 0 ] && echo "check: $table agrees with Linux 6.1 x86_64"
exit $status
