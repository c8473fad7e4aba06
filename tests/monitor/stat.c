// SPDX-License-Identifier: GPL-2.0
/*
 * stat - fstat, stat, lstat, newfstatat and statx of files it makes (a
 * file of known size and mode, a directory, a symbolic link, a FIFO) and
 * of known ones (/, /dev/null) report the same, right answers.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "prog.h"

#define SIZE	12345

static const char *type(mode_t m)
{
	return S_ISREG(m) ? "regular file" : S_ISDIR(m) ? "directory" :
	       S_ISLNK(m) ? "symbolic link" : S_ISFIFO(m) ? "fifo" :
	       S_ISCHR(m) ? "character device" : "other";
}

static void show(const char *what, const struct stat *st)
{
	printf("%s: %s, mode %04o, size %lld, %ld link(s)\n", what,
	       type(st->st_mode), st->st_mode & 07777,
	       S_ISREG(st->st_mode) || S_ISLNK(st->st_mode) ? (long long)st->st_size : -1LL,
	       S_ISDIR(st->st_mode) ? -1L : (long)st->st_nlink);
}

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_mode == b->st_mode && a->st_size == b->st_size &&
	       a->st_nlink == b->st_nlink && a->st_uid == b->st_uid;
}

int main(void)
{
	char dir[] = "/tmp/mvx-stat.XXXXXX", path[64], link[64], fifo[64], buf[4096];
	struct stat st, st2, st3;
	struct statx stx;
	int fd, dfd;

	prog_start();
	umask(022);
	MUST(mkdtemp(dir) ? 0 : -1);
	snprintf(path, sizeof(path), "%s/file", dir);
	snprintf(link, sizeof(link), "%s/link", dir);
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	fd = MUST(open(path, O_RDWR | O_CREAT | O_EXCL, 0640));
	memset(buf, 'x', sizeof(buf));
	MUST(write(fd, buf, sizeof(buf)));
	MUST(ftruncate(fd, SIZE));
	MUST(symlink("file", link));
	MUST(mkfifo(fifo, 0600));

	MUST(fstat(fd, &st));
	show("fstat(file)", &st);
	EXPECT(S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0640 &&
	       st.st_size == SIZE && st.st_nlink == 1 && st.st_uid == getuid(),
	       "fstat of the file");
	MUST(stat(path, &st2));
	EXPECT(same_file(&st, &st2), "stat differs from fstat");
	MUST(syscall(SYS_newfstatat, AT_FDCWD, path, &st3, 0));
	EXPECT(same_file(&st, &st3), "newfstatat differs from fstat");
	dfd = MUST(open(dir, O_RDONLY | O_DIRECTORY));
	MUST(fstatat(dfd, "file", &st3, 0));
	EXPECT(same_file(&st, &st3), "fstatat(dirfd) differs from fstat");
	MUST(fstatat(fd, "", &st3, AT_EMPTY_PATH));
	EXPECT(same_file(&st, &st3), "fstatat(AT_EMPTY_PATH) differs from fstat");
	printf("stat, newfstatat, fstatat(dirfd) and AT_EMPTY_PATH agree with fstat\n");

	MUST(statx(dfd, "file", 0, STATX_BASIC_STATS, &stx));
	EXPECT(stx.stx_size == SIZE && stx.stx_ino == st.st_ino &&
	       (stx.stx_mode & 07777) == 0640, "statx of the file");
	printf("statx(file): size %llu, mode %04o\n", (unsigned long long)stx.stx_size,
	       stx.stx_mode & 07777);

	MUST(lstat(link, &st2));
	show("lstat(link)", &st2);
	EXPECT(S_ISLNK(st2.st_mode) && st2.st_size == 4, "lstat of the link");
	MUST(fstatat(dfd, "link", &st3, AT_SYMLINK_NOFOLLOW));
	EXPECT(st3.st_ino == st2.st_ino, "fstatat(AT_SYMLINK_NOFOLLOW) differs");
	MUST(stat(link, &st3));
	EXPECT(same_file(&st, &st3), "stat(link) is not the file");
	printf("stat(link) is the file; lstat and AT_SYMLINK_NOFOLLOW the link\n");

	MUST(stat(fifo, &st2));
	show("stat(fifo)", &st2);
	EXPECT(S_ISFIFO(st2.st_mode) && (st2.st_mode & 07777) == 0600, "the fifo");
	MUST(stat(dir, &st2));
	show("stat(dir)", &st2);
	EXPECT(S_ISDIR(st2.st_mode) && (st2.st_mode & 07777) == 0700, "the directory");
	MUST(stat("/", &st2));
	EXPECT(S_ISDIR(st2.st_mode), "/ is not a directory");
	printf("stat(/): %s\n", type(st2.st_mode));
	MUST(stat("/dev/null", &st2));
	EXPECT(S_ISCHR(st2.st_mode) && major(st2.st_rdev) == 1 && minor(st2.st_rdev) == 3,
	       "/dev/null");
	printf("stat(/dev/null): %s %u:%u\n", type(st2.st_mode), major(st2.st_rdev),
	       minor(st2.st_rdev));

	EXPECT(stat("/nonexistent/file", &st2) == -1 && errno == ENOENT, "ENOENT");
	printf("stat(/nonexistent/file): %s\n", strerror(errno));
	EXPECT(syscall(SYS_newfstatat, AT_FDCWD, path, (void *)8, 0) == -1 &&
	       errno == EFAULT, "a bad buffer");
	printf("newfstatat into a bad address: %s\n", strerror(errno));

	close(fd);
	close(dfd);
	unlink(path);
	unlink(link);
	unlink(fifo);
	rmdir(dir);
	return prog_end();
}
