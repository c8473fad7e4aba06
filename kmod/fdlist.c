// SPDX-License-Identifier: GPL-2.0
/*
 * MVX_IOC_FD_LIST: describe another process's open file descriptors the
 * way /proc/PID/fd and /proc/PID/fdinfo do.
 */

#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/magic.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/uaccess.h>

#include <mvx.h>

#include "fdlist.h"
#include "target.h"

/*
 * Take a reference to the first open file at or above *fd in @task's
 * table, with its close-on-exec bit. Returns NULL at the end of the table
 * or once the task has dropped its files (it is exiting).
 */
static struct file *kmvx_fd_next(struct task_struct *task, unsigned int *fd,
				 bool *cloexec)
{
	struct files_struct *files;
	struct file *file = NULL;
	struct fdtable *fdt;

	task_lock(task);
	files = task->files;
	if (files) {
		spin_lock(&files->file_lock);
		fdt = files_fdtable(files);
		for (; *fd < fdt->max_fds; (*fd)++) {
			file = files_lookup_fd_locked(files, *fd);
			if (file) {
				get_file(file);
				*cloexec = close_on_exec(*fd, fdt);
				break;
			}
		}
		spin_unlock(&files->file_lock);
	}
	task_unlock(task);

	return file;
}

static u32 mvx_fd_type(struct file *file, umode_t mode)
{
	if (file_inode(file)->i_sb->s_magic == ANON_INODE_FS_MAGIC)
		return MVX_FD_TYPE_ANON;

	switch (mode & S_IFMT) {
	case S_IFREG:
		return MVX_FD_TYPE_REG;
	case S_IFDIR:
		return MVX_FD_TYPE_DIR;
	case S_IFCHR:
		return MVX_FD_TYPE_CHR;
	case S_IFBLK:
		return MVX_FD_TYPE_BLK;
	case S_IFIFO:
		return MVX_FD_TYPE_FIFO;
	case S_IFSOCK:
		return MVX_FD_TYPE_SOCK;
	case S_IFLNK:
		return MVX_FD_TYPE_LNK;
	default:
		return MVX_FD_TYPE_UNKNOWN;
	}
}

/* @buf is MVX_PATH_MAX bytes of scratch space for d_path(). */
static void kmvx_fd_describe(struct file *file, unsigned int fd, bool cloexec,
			     struct mvx_fd_entry *e, char *buf)
{
	struct kstat st;
	char *path;

	memset(e, 0, sizeof(*e));
	e->fd = fd;
	e->fd_flags = cloexec ? MVX_FD_CLOEXEC : 0;
	e->open_flags = file->f_flags;
	e->pos = file->f_pos;

	/* What fstat() on the descriptor would report. */
	if (!vfs_getattr(&file->f_path, &st, STATX_BASIC_STATS,
			 AT_STATX_SYNC_AS_STAT)) {
		e->dev = new_encode_dev(st.dev);
		e->rdev = new_encode_dev(st.rdev);
		e->ino = st.ino;
		e->size = st.size;
		e->uid = from_kuid_munged(current_user_ns(), st.uid);
		e->gid = from_kgid_munged(current_user_ns(), st.gid);
		e->mode = st.mode;
	}
	e->type = mvx_fd_type(file, e->mode);

	/* The same text readlink() of /proc/PID/fd/FD returns. */
	path = d_path(&file->f_path, buf, MVX_PATH_MAX);
	if (IS_ERR(path))
		path = "?";
	strscpy(e->path, path, sizeof(e->path));
}

/* Write one entry of @entry_size bytes, zero-filling what we don't know. */
static int kmvx_fd_put(void __user *dst, u32 entry_size,
		       const struct mvx_fd_entry *e)
{
	size_t n = min_t(size_t, entry_size, sizeof(*e));

	if (copy_to_user(dst, e, n))
		return -EFAULT;
	if (entry_size > n && clear_user(dst + n, entry_size - n))
		return -EFAULT;
	return 0;
}

long kmvx_ioctl_fd_list(struct mvx_fd_list *req,
			struct mvx_fd_list __user *uarg)
{
	struct mvx_fd_entry *entry;
	struct task_struct *task;
	u32 count = 0, total = 0;
	unsigned int fd = 0;
	struct file *file;
	bool cloexec;
	char *buf;
	int ret = 0;

	if (req->flags || req->entry_size < MVX_FD_ENTRY_SIZE_VER0 ||
	    req->entry_size > MVX_STRUCT_SIZE_MAX ||
	    req->count > MVX_FD_LIST_MAX)
		return -EINVAL;

	entry = kmalloc(sizeof(*entry), GFP_KERNEL);
	buf = kmalloc(MVX_PATH_MAX, GFP_KERNEL);
	if (!entry || !buf) {
		ret = -ENOMEM;
		goto out_free;
	}

	task = kmvx_target_get(req->pid);
	if (IS_ERR(task)) {
		ret = PTR_ERR(task);
		goto out_free;
	}

	for (; (file = kmvx_fd_next(task, &fd, &cloexec)); fd++) {
		total++;
		if (count < req->count) {
			kmvx_fd_describe(file, fd, cloexec, entry, buf);
			ret = kmvx_fd_put(u64_to_user_ptr(req->entries) +
					  (u64)count * req->entry_size,
					  req->entry_size, entry);
			count++;
		}
		fput(file);
		if (ret)
			goto out_put;
	}

	if (put_user(count, &uarg->count) || put_user(total, &uarg->total))
		ret = -EFAULT;

out_put:
	put_task_struct(task);
out_free:
	kfree(buf);
	kfree(entry);
	return ret;
}
