/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mvx_ring.h - layout of libmvx's record area
 *
 * libmvx keeps its counters and a ring of the most recent forwarded
 * calls in one area of its protected memory, registered as the monitor's
 * record area. umvx reads it with MVX_IOC_MONITOR_READ while the program
 * runs; nothing stops for that, so a reader must expect torn records:
 *
 *  - record i (i counting from 0 since the monitor started) lives in
 *    slot i % MVX_RING_RECORDS. The writer sets its @seq to 0, fills it,
 *    then sets @seq to i + 1 (release order); when the result of an
 *    executed call arrives later, it sets @seq to 0, updates, and sets
 *    i + 1 again. A reader copies a record and accepts it only if @seq
 *    was i + 1 both before and after the copy (read @seq, copy, read
 *    again: MVX_IOC_MONITOR_READ of the record, then of its @seq).
 *  - @head is the number of records ever started; records below
 *    @head - MVX_RING_RECORDS are gone.
 *  - counters only grow, and are updated with atomic adds.
 *
 * All fields are little-endian x86_64 native; the layout only grows at
 * the end (mvx_ring_head.size tells what the writer knows).
 */
#ifndef MVX_RING_H
#define MVX_RING_H

#include <linux/types.h>

#define MVX_RING_MAGIC		0x31474e495258564dULL	/* "MVXRING1" */
#define MVX_RING_RECORDS	256	/* a power of two */
#define MVX_RING_SYSCALLS	512	/* = MVX_SYSCALL_MAX */
#define MVX_RING_POLICY_MAX	256

/* mvx_record.flags */
#define MVX_REC_DONE		(1U << 0)	/* @result and @dur_ns are known */
#define MVX_REC_DENIED		(1U << 1)	/* the policy denied the call */
#define MVX_REC_KILLED		(1U << 2)	/* the policy killed the process */
#define MVX_REC_EXECUTED	(1U << 3)	/* run as the program made it */

/* The policy's decision for one system call: mvx_ring_head.action[] */
#define MVX_POLICY_ALLOW	0
#define MVX_POLICY_DENY		1
#define MVX_POLICY_KILL		2

/**
 * struct mvx_record - one forwarded call
 * @seq: record number + 1 when complete, 0 while being written
 * @tid: calling thread
 * @nr: system call number
 * @args: its arguments
 * @result: what it returned (if MVX_REC_DONE)
 * @time_ns: CLOCK_MONOTONIC_COARSE time of the call (to the tick)
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

/**
 * struct mvx_syscall_count - counters of one system call number
 * @calls: calls forwarded
 * @ns: total time executed calls ran
 * @denied: calls the policy denied
 */
struct mvx_syscall_count {
	__u64 calls;
	__u64 ns;
	__u64 denied;
};

/**
 * struct mvx_ring_head - start of the record area
 * @magic: MVX_RING_MAGIC
 * @size: sizeof(struct mvx_ring_head) of the writer
 * @nrec: MVX_RING_RECORDS
 * @rec_size: sizeof(struct mvx_record)
 * @nsys: MVX_RING_SYSCALLS
 * @head: records ever started
 * @calls: calls forwarded, all numbers
 * @denied: calls denied by the policy
 * @started_ns: CLOCK_MONOTONIC time the monitor registered
 * @pid: the process the monitor registered in
 * @rules: rules in the policy
 * @default_action: MVX_POLICY_* for calls no rule names
 * @default_errno: errno of a default deny
 * @allow_unmonitored_exec: 1 if executing a program that cannot be
 *	monitored is allowed
 * @policy: path of the policy file, "" for the default policy
 * @action: per system call: MVX_POLICY_*; the handler decides from
 *	this copy of the policy, so it is what applies
 * @error: per system call: errno of a deny
 * @count: per system call: counters
 * @records: the ring
 */
struct mvx_ring_head {
	__u64 magic;
	__u32 size;
	__u32 nrec;
	__u32 rec_size;
	__u32 nsys;
	__u64 head;
	__u64 calls;
	__u64 denied;
	__u64 started_ns;
	__s32 pid;
	__u32 rules;
	__u32 default_action;
	__u32 default_errno;
	__u32 allow_unmonitored_exec;
	__u32 __pad;
	char policy[MVX_RING_POLICY_MAX];
	__u8 action[MVX_RING_SYSCALLS];
	__u16 error[MVX_RING_SYSCALLS];
	struct mvx_syscall_count count[MVX_RING_SYSCALLS];
	struct mvx_record records[MVX_RING_RECORDS];
};

#endif /* MVX_RING_H */
