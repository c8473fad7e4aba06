/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mvx.h - the user-kernel interface of the mvx controller: the device
 * /dev/mvx (mvx(4)) and the mvx() system call (mvx(2))
 *
 * The kmvx module creates the misc device /dev/mvx (mode 0600). A
 * controller opens it and issues ioctls on the open file. Every ioctl
 * takes a pointer to one request structure that the kernel reads and
 * writes back (all are _IOWR). The size an ioctl's number carries is
 * that of its structure's *_SIZE_VER0, so the number stays the same as
 * the structure grows.
 *
 * Versioning. Each request structure starts with a __u32 size field that
 * the caller sets to sizeof() of the structure it was compiled with. The
 * kernel accepts any size from the first published size (*_SIZE_VER0) up
 * to MVX_STRUCT_SIZE_MAX: fields the caller does not know about are taken
 * as zero, and trailing bytes the kernel does not know about must be zero
 * (otherwise E2BIG). Fields are only ever appended, and zero always means
 * the old behaviour. Arrays that the kernel fills carry their element
 * size in the request for the same reason. MVX_IOC_GET_VERSION reports
 * MVX_API_VERSION and the sizes the running kernel knows.
 *
 * Checks. Flags the kernel does not know and padding that is not zero
 * are rejected with EINVAL, so that they can be given a meaning later.
 * Every ioctl that names another process looks it up by pid in the
 * caller's pid namespace, requires that the caller may ptrace it
 * (PTRACE_MODE_ATTACH_REALCREDS, as pidfd_getfd(2)), and keeps no
 * reference to it after returning, except the monitor ioctls' watch
 * (below).
 *
 * User pointers travel as __u64. All structures have the same layout on
 * 32- and 64-bit callers.
 *
 * Ioctls:
 *
 * MVX_IOC_GET_VERSION (struct mvx_version)
 *	Reports the API version and the structure sizes the kernel knows.
 *
 * MVX_IOC_FD_LIST (struct mvx_fd_list)
 *	Describes the open file descriptors of process @pid, lowest first:
 *	up to @count entries of @entry_size bytes each are written to the
 *	array at @entries, @count is set to the number written and @total
 *	to the number of descriptors open at the time of the call. When
 *	@total is larger than @count, the array was too small and the
 *	caller may retry with a larger one. Errors: ESRCH (no such process),
 *	EINVAL (pid <= 0, a kernel thread, an exiting process, flags not
 *	zero, @size or @entry_size below its *_SIZE_VER0 or
 *	above MVX_STRUCT_SIZE_MAX, @count above MVX_FD_LIST_MAX), E2BIG
 *	(trailing bytes unknown to the kernel not zero), EPERM (the caller
 *	may not ptrace the process), EFAULT.
 *
 * MVX_IOC_SESSION_START (struct mvx_session_start)
 *	Starts a session on descriptor @fd of process @pid, which must be
 *	open for writing. @dest_fd is a descriptor of the caller, open for
 *	writing; the caller opens it, so the kernel never opens a path on
 *	anyone's behalf. With MVX_SESSION_REMAP the process's descriptor
 *	@fd is switched to the open file of @dest_fd, and the module keeps
 *	the original open file until the session ends. With
 *	MVX_SESSION_DUP the process keeps writing to @fd, and every byte a
 *	write, writev, pwrite64, pwritev or pwritev2 on @fd wrote is also
 *	written to @dest_fd's file, in the order the calls completed; calls
 *	of sendfile, splice, copy_file_range and vmsplice/tee that write to
 *	@fd are counted in @skipped but not duplicated, and io_uring writes
 *	are not seen. A remap is made by the process itself, when it next
 *	returns to user space, and the call waits for that (a stopped
 *	process is waited for until MVX_SESSION_TIMEOUT_MS passes); a
 *	duplicate starts at once. On success @id names the session on this
 *	open file of /dev/mvx.
 *
 *	A session belongs to the open file of /dev/mvx that started it.
 *	When that file is released, or MVX_IOC_SESSION_CTL ends the
 *	session, the process gets back exactly what it had: for a remap,
 *	the original open file returns to @fd (the same file object, so the
 *	same position, status flags and close-on-exec flag) provided @fd
 *	still holds the file the session put there; otherwise the process
 *	closed or replaced @fd itself and the original is only released. A
 *	session whose process exits or executes a new program ends by itself
 *	and is restored then; MVX_IOC_SESSION_STATUS reports why.
 *
 *	Errors: ESRCH (no such process), EBADF (@fd not open in the process
 *	or not open for writing, @dest_fd not open in the caller or not open
 *	for writing), EBUSY (a session on @fd of this process exists), EINVAL
 *	(pid <= 0, @fd < 0, a kernel thread, an exiting process, unknown
 *	@mode or @flags, padding not zero), EPERM (the caller may not ptrace
 *	the process), ETIMEDOUT (the process did not run within
 *	MVX_SESSION_TIMEOUT_MS, for example because it is stopped), EINTR,
 *	ENOMEM, EFAULT, E2BIG.
 *
 * MVX_IOC_SESSION_STATUS (struct mvx_session_status)
 *	Reports the state and counters of session @id of this open file.
 *	Errors: ENOENT (no such session), EINVAL, EFAULT, E2BIG.
 *
 * MVX_IOC_SESSION_CTL (struct mvx_session_ctl)
 *	MVX_SESSION_PAUSE stops redirecting or duplicating without ending
 *	the session (a paused remap puts the original file back on @fd;
 *	a paused duplicate stops copying), MVX_SESSION_RESUME starts again,
 *	MVX_SESSION_END restores the process and forgets the session.
 *	Errors: ENOENT (no such session), EINVAL (unknown @op, padding not
 *	zero), ESRCH (the session has already ended: only END is allowed),
 *	ETIMEDOUT, EINTR, EFAULT, E2BIG.
 *
 * MVX_IOC_MONITOR_INFO (struct mvx_monitor_info)
 *	Reports whether process @pid is monitored (see "Monitors" below):
 *	@state is MVX_MON_NONE, MVX_MON_AWAITING (the process executed a
 *	new program and its monitor has not registered yet),
 *	MVX_MON_ACTIVE, or MVX_MON_EXITED (the process has exited, and this
 *	open file watched it: see below); for an active or exited monitor,
 *	its ranges, the address and size of its record area, and the
 *	kernel's counters; for an exited one also @exit_status. Errors:
 *	ESRCH, EINVAL, EPERM, EFAULT, E2BIG.
 *
 * MVX_IOC_MONITOR_READ (struct mvx_monitor_read)
 *	Copies @len bytes at @offset of the record area of process @pid's
 *	monitor to @buf. The kernel reads them from its own copy of the
 *	monitor's pages (see "Monitors"), so the process is neither stopped
 *	nor made to fault, whether or not an excursion runs. The kernel does
 *	not interpret the area beyond the call log; libmvx keeps its
 *	counters and the call log there as <mvx_ring.h> lays them out, the
 *	layout umvx reads. Errors: ESRCH,
 *	ENODATA (the process is not monitored), EAGAIN (a child made by
 *	fork() whose copy of the monitor is not mapped yet; try again),
 *	EINVAL (the bytes are not inside the record area, @len above
 *	MVX_MONITOR_READ_MAX), EPERM, EFAULT, E2BIG.
 *
 *	The watch. An open file of /dev/mvx that has seen process @pid's
 *	monitor active, with either ioctl, keeps that monitor's record area
 *	until the file is released, for the MVX_MONITOR_WATCH_MAX processes
 *	it looked at last. While such a process exits, both ioctls on that
 *	file answer for @pid from what was kept (MVX_MON_ACTIVE); once all
 *	its threads have exited, whether or not it has been reaped,
 *	MVX_MON_EXITED with the exit status, and every record the process
 *	wrote, up to its last call. The watch answers only the pid
 *	namespace that named the process, and not for a process that has
 *	executed another program since or that the caller may not ptrace.
 *	Once the pid names another task, it is that task that is reported.
 *
 * MVX_IOC_GROUP_CREATE (struct mvx_group_create)
 *	Makes this open file the controller of a new group of @n variants
 *	(1 to MVX_GROUP_MAX); see "Groups" below. Errors: EBUSY (the file
 *	has a group already), EINVAL (@n out of range, flags or padding
 *	not zero), ENOMEM, EFAULT, E2BIG.
 *
 * MVX_IOC_GROUP_JOIN (struct mvx_group_join)
 *	The calling process becomes variant @index of the group of this
 *	open file (which it inherited from the controller across fork()).
 *	Errors: ENOENT (the file has no group), EBUSY (variant @index has
 *	joined already, or the caller is monitored, in a group, or not
 *	single-threaded), ESRCH (the group has stopped), EINVAL (@index
 *	out of range, or a group of more than one variant and the caller
 *	does not run with prctl(PR_SET_TSC, PR_TSC_SIGSEGV)), ENOMEM,
 *	EFAULT, E2BIG.
 *
 * MVX_IOC_GROUP_STATUS (struct mvx_group_status)
 *	Reports the group of this open file: @state, its variants' pids
 *	and, once it has diverged, what diverged. Errors: ENOENT, EINVAL,
 *	EFAULT, E2BIG.
 *
 * Monitors.
 *
 * A process can hand its own system calls to a monitor living in its
 * own memory (libmvx). The monitor registers with the mvx() system call
 * (number MVX_NR_mvx below, x86_64 only), giving up to
 * MVX_MONITOR_RANGES_MAX page-aligned ranges of its memory, an entry
 * point, a stack and the system calls that are exempt from forwarding.
 *
 * The kernel copies each range into pages of its own, unmaps the range
 * and maps its pages there instead, as a special mapping named "[mvx]"
 * (so /proc/PID/maps shows it, as it shows "[vdso]") with the protection
 * the range was registered with. The mapping is shared, not copied by
 * fork() and left out of core dumps (VM_SHARED, VM_DONTCOPY,
 * VM_DONTDUMP), and get_user_pages() cannot reach it (VM_IO, VM_PFNMAP:
 * its page table entries are kmvx's to write and clear), so neither
 * /proc/PID/mem, process_vm_readv, process_vm_writev nor ptrace peeks
 * and pokes reach the pages. The pages are in the process's page tables
 * only during an excursion (below): the fault handler of "[mvx]" maps a
 * page only for a thread in an excursion of this monitor and sends
 * SIGSEGV to any other, so a program that reads, writes or executes the
 * monitor's memory outside an excursion gets SIGSEGV. While one thread
 * is in an excursion, the pages it has mapped are in the page tables the
 * process's threads share, and the other threads can reach them until
 * its MVX_CALL_RETURN.
 *
 * From then on, on every thread of the process and of its children:
 *
 *  - a system call that is not exempt, made outside an excursion, is not
 *    executed. The kernel saves the thread's registers (they stay in
 *    the kernel), holds its signals back (below), maps at once the
 *    monitor's pages that the last excursion touched (the others are
 *    mapped as the monitor faults on them), writes a struct mvx_call
 *    just below the monitor's stack top and resumes the thread at the
 *    entry point, with %rdi pointing at the struct mvx_call and %rsp at
 *    a zero return address below it (aligned as after a call
 *    instruction). This is an excursion.
 *    Excursions of one process take turns; a thread waits for its turn.
 *  - during an excursion, system calls made from the monitor's code run
 *    as they are (the trusted path); mvx(MVX_CALL_RETURN, action, value,
 *    cookie) ends the excursion: the kernel unmaps every page of the
 *    monitor again (with the TLB flush that implies), the saved
 *    registers come back, and the program continues
 *    after its system call:
 *    MVX_ACT_RESULT: the call returns @value without being executed;
 *    MVX_ACT_EXECUTE: the call is executed now, as the program made it;
 *    MVX_ACT_KILL: the process is killed (SIGKILL) and the call is not
 *    executed. @cookie comes back in the struct mvx_call of the thread's
 *    next excursion, with the result and duration of an executed call.
 *  - signals that arrive during an excursion stay pending and are
 *    delivered after it, with the program's own signal mask, which the
 *    excursion does not change; fatal signals are not held. A fault in
 *    the monitor's code (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE,
 *    SIGSYS raised by the kernel) takes its default action at once.
 *  - if the monitor registered a call log (@log_nrec of struct
 *    mvx_monitor_desc), the kernel writes one struct mvx_record per
 *    excursion there, through its own mapping of the monitor's pages,
 *    so that the monitor itself need not touch them: at the start it
 *    adds one to the __u64 at @log_head and fills record number head - 1
 *    (slot (head - 1) % @log_nrec) with @seq 0; at MVX_CALL_RETURN it
 *    sets @flags from the action (MVX_ACT_RESULT: MVX_REC_DONE and
 *    MVX_REC_DENIED with @result; MVX_ACT_KILL: MVX_REC_KILLED;
 *    MVX_ACT_EXECUTE: MVX_REC_EXECUTED) and then @seq to the record's
 *    number + 1 (release order); at the thread's next excursion an executed call's record
 *    gets @result, @dur_ns and MVX_REC_DONE, with @seq 0 while it
 *    changes. A reader accepts a record only if @seq was its number + 1
 *    before and after copying it.
 *  - mprotect, pkey_mprotect, munmap, mremap, madvise, process_madvise,
 *    remap_file_pages, shmat, brk and mmap with MAP_FIXED over the
 *    monitor's ranges, a call whose buffers reach them,
 *    process_vm_writev, ptrace(PTRACE_POKETEXT, PTRACE_POKEDATA) and
 *    writes to /proc/PID/mem aimed at a monitored process's ranges, and
 *    every prctl(PR_SET_MM) and io_uring call of a monitored process
 *    fail with EPERM, and the kernel logs the attempt.
 *  - while a thread is in an excursion, no other thread of the process
 *    runs in user space, and the thread has no rseq area.
 *  - a child made by fork() or clone() with its own address space is
 *    monitored by its own copy of the monitor: fork() does not copy
 *    "[mvx]", and the child gets its own copy of its parent's monitor
 *    pages, mapped before it first runs in user space. A child that
 *    shares the address space (a thread, vfork(), CLONE_VM) shares the
 *    monitor.
 *  - Execve. After execve() the process has no monitor until the new
 *    program's registers (MVX_MON_AWAITING). Unless the old monitor
 *    registered with MVX_MONITOR_EXEC_UNMONITORED, the kernel keeps its
 *    policy, its @exempt bitmap and its flags for the new program, which
 *    meanwhile may make only the calls a dynamic loader makes before
 *    the monitor it preloads registers: read, pread64, lseek, close,
 *    fstat, newfstatat, stat, lstat, statx, access, faccessat,
 *    faccessat2, readlink, readlinkat, getcwd, open and openat for
 *    reading only, mmap of private mappings, mprotect, munmap, brk,
 *    madvise, arch_prctl, set_tid_address, set_robust_list, rseq, prlimit64 without a new
 *    limit, getrandom, futex, uname, clock_gettime, gettimeofday, getpid,
 *    gettid, getuid, geteuid, getgid, getegid, sched_getaffinity,
 *    sched_yield, exit, exit_group and mvx(); any other call kills the
 *    process (SIGKILL), and the kernel logs it. mvx(MVX_CALL_POLICY,
 *    buf, size) copies the kept policy to @buf and returns its length
 *    (ERANGE if @size is too small, ENOENT if none is kept), and
 *    MVX_CALL_REGISTER succeeds only with the same policy bytes, @exempt
 *    and @flags (EPERM). So a program that cannot, or will not, load the
 *    same monitor with the same policy does not get past its loader.
 *
 * mvx(MVX_CALL_REGISTER, desc) returns 0 to the address on top of the
 * caller's stack, popping it, as a ret instruction would: the code that
 * registers is part of the monitor, which the call has replaced by
 * "[mvx]" mappings, so the call returns straight to that code's caller.
 * Errors: EBUSY (a monitor is registered for this memory, or the caller
 * is not its only user: another thread, or a process sharing it through
 * CLONE_VM or vfork()), EINVAL (an
 * unknown operation; @nr_ranges 0 or above MVX_MONITOR_RANGES_MAX; a
 * range not page-aligned, empty, beyond the user address space,
 * overlapping another, not mapped, or with unknown @prot bits; an unused
 * range entry not zero; bit MVX_NR_mvx set in @exempt; entry not in an
 * executable range; @stack_top not 16-byte aligned, or the page below it
 * not in a readable and writable range; an empty record area, or one not
 * inside one readable range; a call log whose @log_nrec is not a power
 * of two up to MVX_LOG_RECORDS_MAX, or whose head or records are not
 * 8-byte aligned inside the record area in a writable range, or
 * addresses given without @log_nrec; unknown flags, padding not zero, or
 * @policy 0 with a length), EFAULT, E2BIG (the descriptor's size above
 * MVX_STRUCT_SIZE_MAX, the ranges together above MVX_MONITOR_BYTES_MAX,
 * or @policy_len above MVX_POLICY_MAX), EPERM (the process executed
 * this program from a monitored one, and the policy, @exempt or @flags
 * differ from what the kernel kept), ENOSPC (the CPU has protection keys
 * and the process holds all of them: none is left for the ranges),
 * ENOMEM. A monitored process
 * calling mvx() from outside an excursion gets EPERM; MVX_CALL_RETURN
 * outside an excursion EPERM.
 *
 * Groups.
 *
 * A group is N processes, its variants, that run one program (or builds
 * of one program) side by side: variant 0 is the leader, the others the
 * followers (doc/MVX.md). The controller makes the group
 * (MVX_IOC_GROUP_CREATE) and forks the variants; each joins
 * (MVX_IOC_GROUP_JOIN) and executes the program with its monitor
 * preloaded. After each execve() a variant is held as a process that
 * executed a program from a monitored one ("Execve" above) until its
 * monitor registers. Every system call of a variant with a monitor is
 * forwarded to it, @exempt notwithstanding, and the monitor describes
 * each call to the kernel with mvx(MVX_CALL_GROUP, call) before its
 * MVX_CALL_RETURN; an excursion of a variant that returns without a
 * description stops the group. The kernel then, with the monitor's
 * pages closed again, reads the call's inputs from the variant's memory
 * as the description's parts say and compares them with the leader's:
 * call number, @mode, @flags, the monitor's action, each part's kind,
 * flags, length and value, and the bytes of every input part; addresses
 * are not compared. The variants meet at every call (lockstep): the
 * leader's call runs only when every follower has made the same call.
 * With MVX_RUN_ALL every variant runs its call; with MVX_RUN_LEADER only
 * the leader does, and each follower's call returns the leader's result,
 * with the leader's output bytes copied into the follower's own output
 * parts; a descriptor that the leader's call returned (MVX_CALL_RET_FD)
 * or wrote (MVX_PART_FDS) appears in each follower as a placeholder with
 * the same number (an open file of "[mvx-leader]" that does nothing: the
 * follower's later calls on it are the leader's); with MVX_RUN_ALL, the
 * descriptor that a follower's own call returned (MVX_CALL_RET_FD) is
 * moved to the number of the leader's, and a call that succeeded in some
 * variants only stops the group. Numbers are taken as the leader got them
 * (once another thread of the follower has given the number up, if one
 * holds it), not as the lowest free ones. MVX_RUN_STOP stops the group at
 * once (@reason MVX_STOP_UNSUPPORTED).
 *
 * Process ids are the leader's. A fork (fork(), vfork(), clone() without
 * CLONE_THREAD, and with CLONE_VM only with CLONE_VFORK) forks every
 * variant, its children form a group of their own with the same
 * indexes, and a follower's call returns the leader's child's id; a
 * MVX_PART_PID value is translated to the variant's own id of the same
 * process before the variant runs the call, and a MVX_CALL_RET_PID
 * result back to the leader's. With MVX_CALL_WAIT (wait4()) a follower
 * runs its call once the leader's has returned, and then waits for the
 * child the leader reaped (its own of the same index, WNOHANG dropped),
 * or returns the leader's result if the leader reaped none: which child
 * is ready first is the leader's to say. The groups descending from
 * one controller's form a tree, which stops as a whole.
 *
 * Threads pair by creation. A clone() with CLONE_THREAD makes a thread in
 * every variant, and the new threads form a *lane* of the group, with a
 * sequence of calls of its own (the variants' first threads are lane 0);
 * a follower's clone returns the leader's thread's id, and the ids of a
 * lane's threads map like those of a group's processes (a follower may
 * pass its thread's own id, which the kernel wrote into its memory, or
 * the leader's). A variant's futex() with FUTEX_PRIVATE_FLAG, its
 * FUTEX_WAIT and FUTEX_WAIT_BITSET on any futex (not the PI operations),
 * its sched_yield(), and its mmap() of private anonymous memory,
 * munmap(), mprotect() and madvise() without PROT_EXEC are its own
 * business: they run without an excursion and outside the sequences. Memory shared by threads but for
 * clone()'s CLONE_VM with CLONE_THREAD or CLONE_VFORK, and clone3(),
 * fail with EPERM.
 *
 * Signals are the leader's. A variant holds every signal but at the
 * return from a call of its that went through the group: there the
 * leader's thread takes the signals pending for it and for its process
 * (not blocked; the process's become the thread's, so that no other
 * thread takes them too), and the followers' threads of the same lane
 * drop their own and take the leader's, with the leader's siginfo; if
 * the leader's call was interrupted, the leader sends them to those
 * threads at once, so that their calls are interrupted too. So every
 * variant runs its handlers in the same thread at the same point of its
 * calls.
 *
 * Time is the leader's. In a group of more than one variant a program
 * executed by a variant has no vDSO (AT_SYSINFO_EHDR is zero), so the C
 * library makes clock_gettime(), gettimeofday(), time() and getcpu() as
 * system calls, which monitors describe as MVX_RUN_LEADER. A variant
 * runs with PR_TSC_SIGSEGV (see MVX_IOC_GROUP_JOIN): its rdtsc and
 * rdtscp fault, and once its monitor has registered the kernel emulates
 * them as a call of the group's sequence, numbered MVX_NR_RDTSC or
 * MVX_NR_RDTSCP: every variant meets there, and each gets the leader's
 * counter (and TSC_AUX). Before its monitor registers (the loader), a
 * variant reads its own counter. Other faults stay faults.
 *
 * The tree stops, every variant of every group being killed (SIGKILL),
 * when a follower's call differs from the leader's (before any variant
 * runs it), when a variant dies and the others of its group do not die
 * the same way within five seconds, or it exits other than by an exit
 * every variant made, when a follower's outputs cannot be written, when
 * a call's parts exceed MVX_GROUP_DATA_MAX, when a fork succeeds in some
 * variants only, when a monitor stops it or kills a variant, or when the
 * controller releases the file. MVX_IOC_GROUP_STATUS then reports the
 * first cause.
 *
 * mvx(MVX_CALL_GROUP, call) errors: EPERM (not in an excursion of a
 * variant), EINVAL (@nr not the call's, unknown @mode, kind or flags, a
 * flag on a part of another kind, @reason not MVX_STOP_UNSUPPORTED with
 * MVX_RUN_STOP or not zero without, @nr_parts above MVX_GROUP_PARTS_MAX,
 * an iovec part above UIO_MAXIOV, a STRV part above MVX_GROUP_STRV_MAX,
 * unused parts or padding not zero), EFAULT, E2BIG.
 * Without the kmvx module mvx() fails with EOPNOTSUPP, on a kernel without
 * the mvx patches with ENOSYS.
 */
#ifndef _UAPI_LINUX_MVX_H
#define _UAPI_LINUX_MVX_H

#include <linux/ioctl.h>
#include <linux/types.h>

/*
 * The constants of mvx() come first and are plain numbers, so that
 * assembly (libmvx's entry code, built with -D__ASSEMBLY__) includes this
 * header too; the rest is C.
 */

/*
 * x86_64 system call number of mvx(2): the last number below the x32
 * range, so that upstream, which numbers its calls in order, does not
 * reach it for many releases (451, the next free number in 6.1, became
 * cachestat in 6.5).
 */
#define MVX_NR_mvx		511

/*
 * The instructions a group replicates, as numbered in its sequence of
 * calls (struct mvx_group_status @nr and @other_nr): above every system
 * call number.
 */
#define MVX_NR_RDTSC		0x10000
#define MVX_NR_RDTSCP		0x10001

/* mvx() operations */
#define MVX_CALL_REGISTER	1	/* arg1: struct mvx_monitor_desc * */
#define MVX_CALL_RETURN		2	/* arg1: action, arg2: value, arg3: cookie */
#define MVX_CALL_POLICY		3	/* arg1: buffer, arg2: its size */
#define MVX_CALL_GROUP		4	/* arg1: struct mvx_group_call * */

/* Actions of MVX_CALL_RETURN */
#define MVX_ACT_RESULT		1	/* return value, do not execute */
#define MVX_ACT_EXECUTE		2	/* execute the call as it was made */
#define MVX_ACT_KILL		3	/* kill the process */

#ifndef __ASSEMBLY__

#define MVX_DEVICE_NAME		"mvx"
#define MVX_API_VERSION		9

/* Longest path reported, including its terminating NUL (PATH_MAX). */
#define MVX_PATH_MAX		4096

/* Largest request or array element size the kernel accepts. */
#define MVX_STRUCT_SIZE_MAX	65536

/* Most entries one MVX_IOC_FD_LIST call fills. */
#define MVX_FD_LIST_MAX		65536

/**
 * struct mvx_version - argument of MVX_IOC_GET_VERSION
 * @size: in: sizeof(struct mvx_version)
 * @api_version: out: MVX_API_VERSION of the running module
 * @fd_entry_size: out: sizeof(struct mvx_fd_entry) of the running module
 * @fd_list_size: out: sizeof(struct mvx_fd_list) of the running module
 */
struct mvx_version {
	__u32 size;
	__u32 api_version;
	__u32 fd_entry_size;
	__u32 fd_list_size;
};

#define MVX_VERSION_SIZE_VER0	16

/* Types of open files, from the file's inode. */
enum mvx_fd_type {
	MVX_FD_TYPE_UNKNOWN	= 0,
	MVX_FD_TYPE_REG		= 1,
	MVX_FD_TYPE_DIR		= 2,
	MVX_FD_TYPE_CHR		= 3,
	MVX_FD_TYPE_BLK		= 4,
	MVX_FD_TYPE_FIFO	= 5,
	MVX_FD_TYPE_SOCK	= 6,
	MVX_FD_TYPE_LNK		= 7,	/* an O_PATH descriptor of a symlink */
	MVX_FD_TYPE_ANON	= 8,	/* anon inode: eventfd, epoll, ... */
};

/* mvx_fd_entry.fd_flags */
#define MVX_FD_CLOEXEC		(1U << 0)

/**
 * struct mvx_fd_entry - one open file descriptor, filled by the kernel
 * @fd: the descriptor number
 * @fd_flags: MVX_FD_CLOEXEC if the descriptor is close-on-exec
 * @open_flags: the open file's status flags (O_ACCMODE, O_APPEND, ...),
 *	as the flags: line of /proc/PID/fdinfo/FD shows them, without
 *	O_CLOEXEC
 * @type: enum mvx_fd_type
 * @pos: the file position
 * @dev: st_dev of the file, in the encoding stat(2) uses
 * @rdev: st_rdev of the file (device files), in the same encoding
 * @ino: st_ino of the file
 * @size: st_size of the file
 * @uid: st_uid, in the caller's user namespace
 * @gid: st_gid, in the caller's user namespace
 * @mode: st_mode (file type and permission bits)
 * @__pad: zero
 * @path: what readlink(2) of /proc/PID/fd/FD shows: the path, or a name
 *	such as "pipe:[1234]", "socket:[1234]" or "anon_inode:[eventfd]";
 *	NUL-terminated; "?" if it does not fit in MVX_PATH_MAX bytes
 */
struct mvx_fd_entry {
	__s32 fd;
	__u32 fd_flags;
	__u32 open_flags;
	__u32 type;
	__s64 pos;
	__u64 dev;
	__u64 rdev;
	__u64 ino;
	__s64 size;
	__u32 uid;
	__u32 gid;
	__u32 mode;
	__u32 __pad;
	char path[MVX_PATH_MAX];
};

#define MVX_FD_ENTRY_SIZE_VER0	4168

/**
 * struct mvx_fd_list - argument of MVX_IOC_FD_LIST
 * @size: in: sizeof(struct mvx_fd_list)
 * @flags: in: zero
 * @pid: in: the process, in the caller's pid namespace
 * @entry_size: in: sizeof(struct mvx_fd_entry)
 * @count: in: number of entries the array at @entries holds;
 *	out: number of entries written
 * @total: out: number of descriptors the process had open
 * @entries: in: user pointer to the array of struct mvx_fd_entry
 */
struct mvx_fd_list {
	__u32 size;
	__u32 flags;
	__s32 pid;
	__u32 entry_size;
	__u32 count;
	__u32 total;
	__u64 entries;
};

#define MVX_FD_LIST_SIZE_VER0	32

/* mvx_session_start.mode */
#define MVX_SESSION_REMAP	1
#define MVX_SESSION_DUP		2

/* How long MVX_IOC_SESSION_START and _CTL wait for the process to run. */
#define MVX_SESSION_TIMEOUT_MS	5000

/**
 * struct mvx_session_start - argument of MVX_IOC_SESSION_START
 * @size: in: sizeof(struct mvx_session_start)
 * @flags: in: zero
 * @pid: in: the process, in the caller's pid namespace
 * @fd: in: its descriptor
 * @mode: in: MVX_SESSION_REMAP or MVX_SESSION_DUP
 * @dest_fd: in: the caller's descriptor of the destination file
 * @id: out: the session's id on this open file, never 0
 * @__pad: zero
 */
struct mvx_session_start {
	__u32 size;
	__u32 flags;
	__s32 pid;
	__s32 fd;
	__u32 mode;
	__s32 dest_fd;
	__u32 id;
	__u32 __pad;
};

#define MVX_SESSION_START_SIZE_VER0	32

/* mvx_session_status.state */
enum mvx_session_state {
	MVX_SESSION_ACTIVE	= 1,
	MVX_SESSION_PAUSED	= 2,
	MVX_SESSION_ENDED	= 3,
};

/* mvx_session_status.end_reason, when the state is MVX_SESSION_ENDED */
enum mvx_session_end {
	MVX_END_NONE		= 0,	/* not ended */
	MVX_END_EXITED		= 1,	/* the process exited */
	MVX_END_EXECED		= 2,	/* the process executed a new program */
};

/**
 * struct mvx_session_status - argument of MVX_IOC_SESSION_STATUS
 * @size: in: sizeof(struct mvx_session_status)
 * @id: in: the session
 * @state: out: enum mvx_session_state
 * @end_reason: out: enum mvx_session_end
 * @pid: out: the process
 * @fd: out: its descriptor
 * @mode: out: MVX_SESSION_REMAP or MVX_SESSION_DUP
 * @__pad: zero
 * @writes: out: write calls redirected or duplicated
 * @bytes: out: bytes redirected or duplicated
 * @errors: out: duplicate writes that failed or were short
 * @skipped: out: calls on @fd that were not duplicated (see above)
 * @attached_ns: out: nanoseconds since the session started
 */
struct mvx_session_status {
	__u32 size;
	__u32 id;
	__u32 state;
	__u32 end_reason;
	__s32 pid;
	__s32 fd;
	__u32 mode;
	__u32 __pad;
	__u64 writes;
	__u64 bytes;
	__u64 errors;
	__u64 skipped;
	__u64 attached_ns;
};

#define MVX_SESSION_STATUS_SIZE_VER0	72

/* mvx_session_ctl.op */
#define MVX_SESSION_PAUSE	1
#define MVX_SESSION_RESUME	2
#define MVX_SESSION_END		3

/**
 * struct mvx_session_ctl - argument of MVX_IOC_SESSION_CTL
 * @size: in: sizeof(struct mvx_session_ctl)
 * @id: in: the session
 * @op: in: MVX_SESSION_PAUSE, _RESUME or _END
 * @__pad: zero
 */
struct mvx_session_ctl {
	__u32 size;
	__u32 id;
	__u32 op;
	__u32 __pad;
};

#define MVX_SESSION_CTL_SIZE_VER0	16

/* System call numbers the exempt bitmap covers: 0 .. MVX_SYSCALL_MAX - 1 */
#define MVX_SYSCALL_MAX		512
#define MVX_MONITOR_RANGES_MAX	4
/*
 * Most bytes a monitor's ranges may hold together: the kernel keeps a
 * copy of them for the process, and one for each child it forks,
 * charged to the memory cgroup of the process that holds it.
 */
#define MVX_MONITOR_BYTES_MAX	(16 << 20)

/**
 * struct mvx_range - one page-aligned range of monitor memory
 * @start: first byte
 * @end: one past the last byte
 * @prot: PROT_READ, PROT_WRITE and PROT_EXEC bits of its "[mvx]" mapping;
 *	its pages are mapped only during an excursion
 * @__pad: zero
 */
struct mvx_range {
	__u64 start;
	__u64 end;
	__u32 prot;
	__u32 __pad;
};

/**
 * struct mvx_monitor_desc - argument of mvx(MVX_CALL_REGISTER)
 * @size: sizeof(struct mvx_monitor_desc)
 * @flags: MVX_MONITOR_EXEC_UNMONITORED or zero
 * @entry: entry point of excursions, in a range with PROT_EXEC
 * @stack_top: top of the excursion stack, 16-byte aligned; the page
 *	below it is in a range with PROT_READ and PROT_WRITE; the kernel
 *	writes a struct mvx_call below it
 * @records: start of the record area MVX_IOC_MONITOR_READ reads
 * @records_size: its size; the area must lie inside one range
 * @nr_ranges: number of entries of @ranges used, 1 to
 *	MVX_MONITOR_RANGES_MAX
 * @__pad: zero
 * @ranges: the monitor's memory; the kernel copies each range into its
 *	own pages and maps them over it as "[mvx]"
 * @exempt: bit N set: system call N runs without an excursion
 * @log_head: address of the call log's __u64 count of records ever
 *	started (see "Monitors"); 0 without a log
 * @log: address of its @log_nrec struct mvx_record; 0 without a log
 * @log_nrec: records in the log, a power of two; 0: no log (as a
 *	descriptor of MVX_MONITOR_DESC_SIZE_VER0 bytes)
 * @__pad2: zero
 * @policy: address of the policy the monitor applies, @policy_len bytes
 *	the kernel keeps as they are and hands to the monitor of the next
 *	program the process executes (see "Execve"); 0 with @policy_len 0
 * @policy_len: up to MVX_POLICY_MAX
 * @__pad3: zero
 */
struct mvx_monitor_desc {
	__u32 size;
	__u32 flags;
	__u64 entry;
	__u64 stack_top;
	__u64 records;
	__u64 records_size;
	__u32 nr_ranges;
	__u32 __pad;
	struct mvx_range ranges[MVX_MONITOR_RANGES_MAX];
	__u64 exempt[MVX_SYSCALL_MAX / 64];
	__u64 log_head;
	__u64 log;
	__u32 log_nrec;
	__u32 __pad2;
	__u64 policy;
	__u32 policy_len;
	__u32 __pad3;
};

#define MVX_MONITOR_DESC_SIZE_VER0	208
#define MVX_MONITOR_DESC_SIZE_VER1	232	/* the call log */
#define MVX_MONITOR_DESC_SIZE_VER2	248	/* the policy */

/* mvx_monitor_desc.flags */
#define MVX_MONITOR_EXEC_UNMONITORED	(1U << 0)	/* see "Execve" */

#define MVX_POLICY_MAX		65536

#define MVX_LOG_RECORDS_MAX	(1U << 16)

/* mvx_record.flags */
#define MVX_REC_DONE		(1U << 0)	/* @result is known */
#define MVX_REC_DENIED		(1U << 1)	/* the monitor gave the result */
#define MVX_REC_KILLED		(1U << 2)	/* the monitor killed the process */
#define MVX_REC_EXECUTED	(1U << 3)	/* run as the program made it */

/**
 * struct mvx_record - one excursion in the call log
 * @seq: record number + 1 when complete, 0 while being written
 * @tid: calling thread, in the process's pid namespace
 * @nr: system call number
 * @args: its arguments
 * @result: what it returned (if MVX_REC_DONE)
 * @time_ns: time of the call, CLOCK_MONOTONIC_COARSE (to the tick)
 * @dur_ns: how long it ran (if MVX_REC_DONE and MVX_REC_EXECUTED)
 * @flags: MVX_REC_*
 * @__pad: zero
 */
struct mvx_record {
	__u64 seq;
	__u32 tid;
	__u32 nr;
	__u64 args[6];
	__s64 result;
	__u64 time_ns;
	__u64 dur_ns;
	__u32 flags;
	__u32 __pad;
};

/* mvx_call.flags */
#define MVX_CALL_PREV		(1U << 0)	/* prev_* describe an executed call */
#define MVX_CALL_VARIANT	(1U << 1)	/* describe the call: MVX_CALL_GROUP */
#define MVX_CALL_FOLLOWER	(1U << 2)	/* a follower: the leader speaks for it */

/**
 * struct mvx_call - what the monitor's entry point receives
 * @nr: the system call number
 * @args: its six arguments
 * @ip: where the program continues after the call
 * @sp: the program's stack pointer
 * @tid: the calling thread, in the process's pid namespace
 * @flags: MVX_CALL_PREV, MVX_CALL_VARIANT, MVX_CALL_FOLLOWER
 * @time_ns: time of the call, CLOCK_MONOTONIC_COARSE (to the kernel's tick)
 * @prev_cookie: the cookie of the thread's last MVX_ACT_EXECUTE
 * @prev_result: what that call returned
 * @prev_ns: how long it ran, in nanoseconds
 * @pid: the calling process, in its pid namespace
 * @__pad: zero
 */
struct mvx_call {
	__u64 nr;
	__u64 args[6];
	__u64 ip;
	__u64 sp;
	__u32 tid;
	__u32 flags;
	__u64 time_ns;
	__u64 prev_cookie;
	__s64 prev_result;
	__u64 prev_ns;
	__u32 pid;
	__u32 __pad;
};

/* mvx_monitor_info.state */
enum mvx_monitor_state {
	MVX_MON_NONE		= 0,
	MVX_MON_AWAITING	= 1,
	MVX_MON_ACTIVE		= 2,
	MVX_MON_EXITED		= 3,	/* kept by this file's watch */
};

/**
 * struct mvx_monitor_info - argument of MVX_IOC_MONITOR_INFO
 * @size: in: sizeof(struct mvx_monitor_info)
 * @pid: in: the process
 * @state: out: enum mvx_monitor_state
 * @nr_ranges: out: ranges of an active monitor
 * @entry: out: its entry point
 * @records: out: its record area
 * @records_size: out: the area's size
 * @excursions: out: excursions made so far by the process
 * @refused: out: tampering attempts refused
 * @exempt_count: out: system calls exempt from forwarding
 * @__pad: zero
 * @ranges: out: the ranges
 * @exempt: out: the exempt bitmap
 * @exit_status: out: for MVX_MON_EXITED, how the process ended, as
 *	waitpid(2) reports it (WIFEXITED(), WEXITSTATUS(), WTERMSIG(), ...)
 * @__pad2: zero
 */
struct mvx_monitor_info {
	__u32 size;
	__s32 pid;
	__u32 state;
	__u32 nr_ranges;
	__u64 entry;
	__u64 records;
	__u64 records_size;
	__u64 excursions;
	__u64 refused;
	__u32 exempt_count;
	__u32 __pad;
	struct mvx_range ranges[MVX_MONITOR_RANGES_MAX];
	__u64 exempt[MVX_SYSCALL_MAX / 64];
	__s32 exit_status;
	__u32 __pad2;
};

#define MVX_MONITOR_INFO_SIZE_VER0	224
#define MVX_MONITOR_INFO_SIZE_VER1	232	/* @exit_status */

/* Most processes whose monitor one open file of /dev/mvx keeps watching. */
#define MVX_MONITOR_WATCH_MAX	8

/* Most bytes one MVX_IOC_MONITOR_READ copies. */
#define MVX_MONITOR_READ_MAX	(1U << 20)

/**
 * struct mvx_monitor_read - argument of MVX_IOC_MONITOR_READ
 * @size: in: sizeof(struct mvx_monitor_read)
 * @pid: in: the process
 * @offset: in: offset in the record area
 * @len: in: bytes to copy
 * @__pad: zero
 * @buf: in: user pointer to @len bytes
 */
struct mvx_monitor_read {
	__u32 size;
	__s32 pid;
	__u64 offset;
	__u32 len;
	__u32 __pad;
	__u64 buf;
};

#define MVX_MONITOR_READ_SIZE_VER0	32

/* Most variants in a group. */
#define MVX_GROUP_MAX		8

/* Most parts one call's description has. */
#define MVX_GROUP_PARTS_MAX	8

/* Most bytes of a call's input parts, and of its output parts. */
#define MVX_GROUP_DATA_MAX	(4U << 20)

/* Most bytes of each side of a divergence that MVX_IOC_GROUP_STATUS shows. */
#define MVX_GROUP_SHOW_MAX	32

/**
 * struct mvx_group_create - argument of MVX_IOC_GROUP_CREATE
 * @size: in: sizeof(struct mvx_group_create)
 * @n: in: the number of variants
 * @flags: in: zero
 * @__pad: zero
 */
struct mvx_group_create {
	__u32 size;
	__u32 n;
	__u32 flags;
	__u32 __pad;
};

#define MVX_GROUP_CREATE_SIZE_VER0	16

/**
 * struct mvx_group_join - argument of MVX_IOC_GROUP_JOIN
 * @size: in: sizeof(struct mvx_group_join)
 * @index: in: the variant the caller is, 0 for the leader
 */
struct mvx_group_join {
	__u32 size;
	__u32 index;
};

#define MVX_GROUP_JOIN_SIZE_VER0	8

/* struct mvx_group_part.kind: what one part of a call is */
#define MVX_PART_VALUE		1	/* @value, compared */
#define MVX_PART_IN		2	/* @len bytes at @addr, compared */
#define MVX_PART_STR		3	/* the string at @addr (MVX_PATH_MAX at most), compared */
#define MVX_PART_STRV		4	/* the NULL-ended array of strings at @addr, compared */
#define MVX_PART_IOV		5	/* the bytes of the @len iovecs at @addr, compared */
#define MVX_PART_OUT		6	/* @len bytes at @addr: the leader's, copied */
#define MVX_PART_IOV_OUT	7	/* the @len iovecs at @addr: the leader's bytes, copied */
#define MVX_PART_IO		8	/* @len bytes at @addr, compared, then the leader's copied */
#define MVX_PART_SA_OUT		9	/* the sockaddr at @addr, its socklen_t at @value */
#define MVX_PART_MSG		10	/* the msghdr at @addr: its name, iovecs' bytes, control data, compared */
#define MVX_PART_MSG_OUT	11	/* the msghdr at @addr, filled by the call: the leader's, copied */

/* struct mvx_group_part.flags */
#define MVX_PART_BY_RESULT	(1U << 0)	/* OUT: the result's count of bytes, at most @len */
#define MVX_PART_FDS		(1U << 1)	/* descriptors the leader got (below) */
#define MVX_PART_PID		(1U << 2)	/* VALUE: a process id (see "Groups") */
#define MVX_PART_POLLFD		(1U << 3)	/* IO: struct pollfd[]: revents not compared */
#define MVX_PART_EPOLL		(1U << 4)	/* IN, OUT: struct epoll_event: data each variant's (below) */

/**
 * struct mvx_group_part - one part of a call's description
 * @kind: MVX_PART_*
 * @flags: MVX_PART_BY_RESULT (OUT), MVX_PART_FDS (OUT, IO, MSG_OUT),
 *	MVX_PART_PID (VALUE), MVX_PART_POLLFD (IO), MVX_PART_EPOLL (IN, OUT)
 * @value: VALUE: the value; OUT with MVX_PART_BY_RESULT: bytes per unit
 *	of the result (0: 1); SA_OUT: the address of its socklen_t, whose
 *	value before the call is compared; otherwise zero
 * @addr: the address in the variant's memory, or zero
 * @len: IN, OUT: bytes; IOV, IOV_OUT: iovecs (UIO_MAXIOV at most);
 *	STRV: most strings (MVX_GROUP_STRV_MAX at most); VALUE with
 *	MVX_PART_PID: the argument (0 to 5) it is; otherwise zero
 *
 * MVX_PART_FDS: the leader's call gave it new descriptors, which appear
 * in each follower as placeholders: the ints of an OUT or IO part, those
 * of the SCM_RIGHTS messages of a MSG_OUT part.
 *
 * MVX_PART_EPOLL: part 0 is the epoll descriptor (VALUE). On an IN part
 * of one struct epoll_event (epoll_ctl()), part 1 is the operation
 * (VALUE) and @value the descriptor it registers: its events are
 * compared, and once the leader's call has succeeded its data is kept
 * for the variant (dropped for EPOLL_CTL_DEL, or a fault of the part).
 * On an OUT part of
 * struct epoll_event with MVX_PART_BY_RESULT (epoll_wait()), each of
 * the leader's events reaches a follower with the data the follower
 * keeps for the descriptor that the leader's data was kept for.
 *
 * Bytes that cannot be read (a NULL or bad @addr) compare as a fault of
 * that part, equal to a fault in every variant. The bytes of output
 * parts are not compared; they are copied only when the result is not
 * negative.
 *
 * MSG (sendmsg()) compares the msghdr's msg_namelen, msg_iovlen and
 * msg_controllen, whether msg_name and msg_control are NULL, then the
 * name (up to a struct sockaddr_storage), the iovecs' bytes (up to
 * UIO_MAXIOV iovecs) and the control data, descriptors of SCM_RIGHTS
 * messages by number. MSG_OUT (recvmsg()) compares the same lengths and
 * NULLs, and gives a follower what the leader's call wrote: the name and
 * msg_namelen (where msg_name is not NULL), the first result bytes over
 * the iovecs, the control data, msg_controllen and msg_flags. Both take
 * @value and @len zero.
 */
struct mvx_group_part {
	__u32 kind;
	__u32 flags;
	__u64 value;
	__u64 addr;
	__u64 len;
};

#define MVX_GROUP_STRV_MAX	4096

/* struct mvx_group_call.mode */
#define MVX_RUN_LEADER		1	/* the leader runs it; followers get its result */
#define MVX_RUN_ALL		2	/* every variant runs it */
#define MVX_RUN_STOP		3	/* nobody: the group stops with @reason */

/* struct mvx_group_call.flags */
#define MVX_CALL_RET_FD		(1U << 0)	/* the result is a new descriptor */
#define MVX_CALL_RET_PID	(1U << 1)	/* ALL: the result is a process id */
#define MVX_CALL_WAIT		(1U << 2)	/* ALL: wait4(): reap the leader's child */

/* @reason of MVX_RUN_STOP, and struct mvx_group_status.cause */
#define MVX_STOP_UNSUPPORTED	1	/* the monitor cannot run the call in a group */
#define MVX_STOP_CALL		2	/* a follower made another call than the leader */
#define MVX_STOP_ARGS		3	/* a part of the same call differs */
#define MVX_STOP_DIED		4	/* a variant died (@detail: its exit code, as wait()'s) */
#define MVX_STOP_OUTPUT		5	/* a follower's output parts could not be written */
#define MVX_STOP_TOO_LARGE	6	/* the call's parts exceed MVX_GROUP_DATA_MAX */
#define MVX_STOP_POLICY		7	/* the policy killed a variant */
#define MVX_STOP_CONTROLLER	8	/* the controller released the group's file */
#define MVX_STOP_NO_CALL	9	/* a monitor returned without describing its call */
#define MVX_STOP_RESULT		10	/* a fork succeeded in some variants only */

/**
 * struct mvx_group_call - argument of mvx(MVX_CALL_GROUP)
 * @size: sizeof(struct mvx_group_call)
 * @mode: MVX_RUN_*
 * @nr: the system call, as the program made it
 * @flags: MVX_CALL_RET_FD, MVX_CALL_RET_PID, MVX_CALL_WAIT
 * @nr_parts: parts used
 * @reason: MVX_RUN_STOP: MVX_STOP_*; otherwise zero
 * @__pad: zero
 * @parts: the arguments, as the monitor reads them
 */
struct mvx_group_call {
	__u32 size;
	__u32 mode;
	__u64 nr;
	__u32 flags;
	__u32 nr_parts;
	__u32 reason;
	__u32 __pad;
	struct mvx_group_part parts[MVX_GROUP_PARTS_MAX];
};

#define MVX_GROUP_CALL_SIZE_VER0	288

/* struct mvx_group_status.state */
#define MVX_GROUP_STARTING	1	/* not every variant has joined */
#define MVX_GROUP_RUNNING	2
#define MVX_GROUP_STOPPED	3	/* @cause says why */
#define MVX_GROUP_ENDED		4	/* every variant ended alike */

/**
 * struct mvx_group_status - argument of MVX_IOC_GROUP_STATUS
 * @size: in: sizeof(struct mvx_group_status)
 * @state: out: MVX_GROUP_*
 * @n: out: variants
 * @cause: out: STOPPED: MVX_STOP_*
 * @seq: out: STOPPED: the index of the call in the group's sequence,
 *	counted from 0 at the first call after the variants registered
 * @variant: out: STOPPED: the variant that disagreed, died or stopped
 * @part: out: ARGS: the part (0-based) that differs, MVX_GROUP_PARTS_MAX
 *	for the mode, the flags, the number of parts or the monitor's action
 * @nr: out: STOPPED: the leader's call (or the variant's, without one;
 *	0 for DIED and CONTROLLER)
 * @other_nr: out: CALL: the variant's call
 * @detail: out: DIED: the exit code; UNSUPPORTED, TOO_LARGE: the call;
 *	RESULT: the variant's result
 * @offset: out: ARGS: the first byte that differs in the part's bytes
 *	(for VALUE, the 8 bytes of the value)
 * @len: out: ARGS: bytes in @bytes, the leader's, the variant's
 * @bytes: out: ARGS: from @offset on, the leader's and the variant's
 * @pids: out: each variant's pid in the caller's pid namespace, 0
 *	before it joined
 * @thread: out: STOPPED: the thread (lane) whose call @seq is: 0 for
 *	the variants' first thread, k for the k-th thread the group made
 *	(threads of every variant pair by creation; each has its own
 *	sequence of calls)
 * @__pad2: zero
 */
struct mvx_group_status {
	__u32 size;
	__u32 state;
	__u32 n;
	__u32 cause;
	__u64 seq;
	__u32 variant;
	__u32 part;
	__u64 nr;
	__u64 other_nr;
	__s64 detail;
	__u64 offset;
	__u32 len[2];
	__u8 bytes[2][MVX_GROUP_SHOW_MAX];
	__s32 pids[MVX_GROUP_MAX];
	__u32 thread;
	__u32 __pad2;
};

#define MVX_GROUP_STATUS_SIZE_VER0	168
#define MVX_GROUP_STATUS_SIZE_VER1	176	/* @thread */

#define MVX_IOC_MAGIC		0xB8

/* _IOWR() with the size of the structure's first version (see the top). */
#define MVX_IOWR(nr, size)	_IOC(_IOC_READ | _IOC_WRITE, MVX_IOC_MAGIC, (nr), (size))

#define MVX_IOC_GET_VERSION	MVX_IOWR(0x00, MVX_VERSION_SIZE_VER0)
#define MVX_IOC_FD_LIST		MVX_IOWR(0x01, MVX_FD_LIST_SIZE_VER0)
#define MVX_IOC_SESSION_START	MVX_IOWR(0x02, MVX_SESSION_START_SIZE_VER0)
#define MVX_IOC_SESSION_STATUS	MVX_IOWR(0x03, MVX_SESSION_STATUS_SIZE_VER0)
#define MVX_IOC_SESSION_CTL	MVX_IOWR(0x04, MVX_SESSION_CTL_SIZE_VER0)
#define MVX_IOC_MONITOR_INFO	MVX_IOWR(0x05, MVX_MONITOR_INFO_SIZE_VER0)
#define MVX_IOC_MONITOR_READ	MVX_IOWR(0x06, MVX_MONITOR_READ_SIZE_VER0)
#define MVX_IOC_GROUP_CREATE	MVX_IOWR(0x07, MVX_GROUP_CREATE_SIZE_VER0)
#define MVX_IOC_GROUP_JOIN	MVX_IOWR(0x08, MVX_GROUP_JOIN_SIZE_VER0)
#define MVX_IOC_GROUP_STATUS	MVX_IOWR(0x09, MVX_GROUP_STATUS_SIZE_VER0)

#endif /* !__ASSEMBLY__ */

#endif /* _UAPI_LINUX_MVX_H */
