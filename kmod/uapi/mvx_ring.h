/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mvx_ring.h - layout of libmvx's record area
 *
 * libmvx keeps its counters and a ring of the most recent forwarded
 * calls in one area of its protected memory, registered as the monitor's
 * record area. umvx reads it with MVX_IOC_MONITOR_READ while the program
 * runs; nothing stops for that, so a reader must expect torn records:
 *
 *  - the ring is the monitor's call log (<mvx.h>, "Monitors"), which
 *    kmvx writes: @head is its log_head and @records its log. Record i
 *    (i counting from 0 since the monitor started) lives in slot
 *    i % MVX_RING_RECORDS. A reader copies a record and accepts it only
 *    if @seq was i + 1 both before and after the copy (read @seq, copy,
 *    read again: MVX_IOC_MONITOR_READ of the record, then of its @seq).
 *  - @head is the number of records ever started; records below
 *    @head - MVX_RING_RECORDS are gone.
 *  - counters only grow; each has one writer at a time, and changes
 *    with one 64-bit store.
 *
 * All fields are little-endian x86_64 native; the layout only grows at
 * the end (mvx_ring_head.size tells what the writer knows).
 */
#ifndef MVX_RING_H
#define MVX_RING_H

#include <linux/types.h>
#include <mvx.h>

#define MVX_RING_MAGIC		0x31474e495258564dULL	/* "MVXRING1" */
#define MVX_RING_RECORDS	256	/* a power of two */
#define MVX_RING_SYSCALLS	MVX_SYSCALL_MAX
#define MVX_RING_POLICY_MAX	256

/* The policy's decision for one system call: mvx_ring_head.action[] */
#define MVX_POLICY_ALLOW	0
#define MVX_POLICY_DENY		1
#define MVX_POLICY_KILL		2

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
 * @head: records ever started (the call log's head)
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
 * @records: the ring (the call log)
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
