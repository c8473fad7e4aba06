/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mvx.h - the user-kernel interface of the mvx controller (/dev/mvx)
 *
 * The kmvx module creates the misc device /dev/mvx (mode 0600). A
 * controller opens it and issues ioctls on the open file. Every ioctl
 * takes a pointer to one request structure that the kernel reads and
 * writes back (all are _IOWR).
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
 * reference to it after returning.
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
 */
#ifndef _UAPI_LINUX_MVX_H
#define _UAPI_LINUX_MVX_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define MVX_DEVICE_NAME		"mvx"
#define MVX_API_VERSION		1

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

#define MVX_IOC_MAGIC		0xB8

#define MVX_IOC_GET_VERSION	_IOWR(MVX_IOC_MAGIC, 0x00, struct mvx_version)
#define MVX_IOC_FD_LIST		_IOWR(MVX_IOC_MAGIC, 0x01, struct mvx_fd_list)

#endif /* _UAPI_LINUX_MVX_H */
