// SPDX-License-Identifier: GPL-2.0
/*
 * In-VM tests of the /dev/mvx ioctl ABI, spoken raw so that malformed
 * requests can be sent: every check of the kernel's input validation,
 * the size versioning and the ioctl directions.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mvx.h>

#include "../lib/check.h"

#define DEV "/dev/mvx"
#define UNPRIVILEGED 1000

static struct mvx_fd_entry entries[64];

static struct mvx_fd_list fd_list_req(pid_t pid, unsigned int count)
{
	struct mvx_fd_list req = {
		.size = sizeof(req),
		.pid = pid,
		.entry_size = sizeof(struct mvx_fd_entry),
		.count = count,
		.entries = (uintptr_t)entries,
	};
	return req;
}

static int count_proc_fds(pid_t pid)
{
	char path[64];
	struct dirent *d;
	int n = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((d = readdir(dir)))
		n += d->d_name[0] != '.';
	closedir(dir);
	/* Not the descriptor opendir() itself used while listing. */
	return pid == getpid() ? n - 1 : n;
}

static void test_device_node(void)
{
	struct stat st;

	check(stat(DEV, &st) == 0 && S_ISCHR(st.st_mode),
	      "abi: " DEV " is a character device");
	check((st.st_mode & 07777) == 0600, "abi: " DEV " has mode 0600 (%o)",
	      st.st_mode & 07777);
}

static void test_directions(void)
{
	check(_IOC_DIR(MVX_IOC_GET_VERSION) == (_IOC_READ | _IOC_WRITE) &&
	      _IOC_DIR(MVX_IOC_FD_LIST) == (_IOC_READ | _IOC_WRITE),
	      "abi: every ioctl is declared _IOWR");
	check(_IOC_SIZE(MVX_IOC_GET_VERSION) == MVX_VERSION_SIZE_VER0 &&
	      _IOC_SIZE(MVX_IOC_FD_LIST) == MVX_FD_LIST_SIZE_VER0 &&
	      sizeof(struct mvx_fd_entry) == MVX_FD_ENTRY_SIZE_VER0,
	      "abi: ioctl sizes and structs match their *_SIZE_VER0");
	check(_IOC_DIR(MVX_IOC_MONITOR_INFO) == (_IOC_READ | _IOC_WRITE) &&
	      _IOC_DIR(MVX_IOC_MONITOR_READ) == (_IOC_READ | _IOC_WRITE),
	      "abi: the monitor ioctls are declared _IOWR");
	check(_IOC_SIZE(MVX_IOC_MONITOR_INFO) == MVX_MONITOR_INFO_SIZE_VER0 &&
	      _IOC_SIZE(MVX_IOC_MONITOR_READ) == MVX_MONITOR_READ_SIZE_VER0 &&
	      sizeof(struct mvx_monitor_info) == MVX_MONITOR_INFO_SIZE_VER1 &&
	      sizeof(struct mvx_monitor_read) == MVX_MONITOR_READ_SIZE_VER0,
	      "abi: monitor ioctl numbers carry their VER0 size, structs their last");
	check(_IOC_TYPE(MVX_IOC_MONITOR_INFO) == MVX_IOC_MAGIC &&
	      _IOC_NR(MVX_IOC_MONITOR_INFO) == 0x05 &&
	      _IOC_TYPE(MVX_IOC_MONITOR_READ) == MVX_IOC_MAGIC &&
	      _IOC_NR(MVX_IOC_MONITOR_READ) == 0x06,
	      "abi: the monitor ioctls keep their numbers");
}

static void test_version(int dev)
{
	struct mvx_version v = { .size = sizeof(v) };
	struct mvx_version *ro;
	long ret;

	ret = ioctl(dev, MVX_IOC_GET_VERSION, &v);
	check(ret == 0 && v.api_version == MVX_API_VERSION &&
	      v.fd_entry_size == sizeof(struct mvx_fd_entry) &&
	      v.fd_list_size == sizeof(struct mvx_fd_list),
	      "abi: GET_VERSION reports API %u and the struct sizes", v.api_version);

	v.size = 8;
	ret = ioctl(dev, MVX_IOC_GET_VERSION, &v);
	CHECK_ERRNO(ret, EINVAL, "abi: GET_VERSION reads the size field");

	/* A read-only argument proves the kernel writes the result back. */
	ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ro->size = sizeof(*ro);
	mprotect(ro, 4096, PROT_READ);
	ret = ioctl(dev, MVX_IOC_GET_VERSION, ro);
	CHECK_ERRNO(ret, EFAULT, "abi: GET_VERSION writes its argument");
	munmap(ro, 4096);

	ret = ioctl(dev, _IOWR(MVX_IOC_MAGIC, 0x7f, struct mvx_version), &v);
	CHECK_ERRNO(ret, ENOTTY, "abi: an unknown ioctl");
}

static void test_fd_list_self(int dev)
{
	struct mvx_fd_list req = fd_list_req(getpid(), 64);
	int nproc = count_proc_fds(getpid());
	long ret;

	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	check(ret == 0 && (int)req.total == nproc && req.count == req.total,
	      "abi: FD_LIST of itself lists every open fd (%u of %u, /proc says %d)",
	      req.count, req.total, nproc);

	req = fd_list_req(getpid(), 1);
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	check(ret == 0 && req.count == 1 && (int)req.total == nproc,
	      "abi: a short array gets what fits and the total (%u, %u)",
	      req.count, req.total);

	req = fd_list_req(getpid(), 0);
	req.entries = 0;
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	check(ret == 0 && req.count == 0 && (int)req.total == nproc,
	      "abi: count 0 only reports the total (%u)", req.total);

	req = fd_list_req(getpid(), 4);
	req.entries = 0;
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	CHECK_ERRNO(ret, EFAULT, "abi: FD_LIST with a bad entries pointer");
}

static void test_fd_list_versions(int dev)
{
	struct {
		struct mvx_fd_list req;
		uint64_t more;
	} big = { .req = fd_list_req(getpid(), 64) };
	struct {
		struct mvx_fd_entry e;
		unsigned char tail[64];
	} wide[2];
	struct mvx_fd_list req;
	unsigned int i;
	long ret;
	int zero;

	big.req.size = sizeof(big);
	ret = ioctl(dev, MVX_IOC_FD_LIST, &big);
	check(ret == 0, "abi: a larger request with zero trailing bytes is accepted");

	big.more = 1;
	ret = ioctl(dev, MVX_IOC_FD_LIST, &big);
	CHECK_ERRNO(ret, E2BIG, "abi: a larger request with unknown non-zero fields");

	req = fd_list_req(getpid(), 2);
	req.entry_size = sizeof(wide[0]);
	req.entries = (uintptr_t)wide;
	memset(wide, 0xff, sizeof(wide));
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	zero = 1;
	for (i = 0; i < sizeof(wide[0].tail); i++)
		zero &= wide[0].tail[i] == 0 && wide[1].tail[i] == 0;
	check(ret == 0 && req.count == 2 && zero && wide[1].e.fd > wide[0].e.fd,
	      "abi: larger entries are laid out by entry_size and zero-filled");
}

static void test_fd_list_bad_input(int dev)
{
	struct mvx_fd_list req;
	pid_t zombie;
	long ret;

	req = fd_list_req(0, 64);
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	CHECK_ERRNO(ret, EINVAL, "abi: pid 0");

	req = fd_list_req(-5, 64);
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	CHECK_ERRNO(ret, EINVAL, "abi: a negative pid");

	req = fd_list_req(4000000, 64);
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	CHECK_ERRNO(ret, ESRCH, "abi: a pid that does not exist");

	req = fd_list_req(2, 64);
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	CHECK_ERRNO(ret, EINVAL, "abi: a kernel thread (kthreadd, pid 2)");

	zombie = fork();
	if (zombie == 0)
		_exit(0);
	usleep(200000);
	req = fd_list_req(zombie, 64);
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	CHECK_ERRNO(ret, EINVAL, "abi: an exited, unreaped process");
	waitpid(zombie, NULL, 0);
	req = fd_list_req(zombie, 64);
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	CHECK_ERRNO(ret, ESRCH, "abi: a reaped process");

	req = fd_list_req(getpid(), 64);
	req.flags = 1;
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	CHECK_ERRNO(ret, EINVAL, "abi: unknown flags");

	req = fd_list_req(getpid(), 64);
	req.size = MVX_FD_LIST_SIZE_VER0 - 8;
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	CHECK_ERRNO(ret, EINVAL, "abi: a request shorter than VER0");

	req = fd_list_req(getpid(), 64);
	req.size = MVX_STRUCT_SIZE_MAX + 1;
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	CHECK_ERRNO(ret, EINVAL, "abi: a request larger than MVX_STRUCT_SIZE_MAX");

	req = fd_list_req(getpid(), 64);
	req.entry_size = MVX_FD_ENTRY_SIZE_VER0 - 1;
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	CHECK_ERRNO(ret, EINVAL, "abi: an entry size below VER0");

	req = fd_list_req(getpid(), 64);
	req.entry_size = MVX_STRUCT_SIZE_MAX + 1;
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	CHECK_ERRNO(ret, EINVAL, "abi: an entry size above MVX_STRUCT_SIZE_MAX");

	req = fd_list_req(getpid(), MVX_FD_LIST_MAX + 1);
	ret = ioctl(dev, MVX_IOC_FD_LIST, &req);
	CHECK_ERRNO(ret, EINVAL, "abi: a count above MVX_FD_LIST_MAX");

	ret = ioctl(dev, MVX_IOC_FD_LIST, NULL);
	CHECK_ERRNO(ret, EFAULT, "abi: a NULL request");
}

/*
 * Runs @fn(@pid) as an unprivileged user in a child; returns its exit
 * status: 0 or the errno it failed with.
 */
static int as_user(int (*fn)(pid_t), pid_t pid)
{
	pid_t child = fork();
	int status;

	if (child == 0) {
		if (setresgid(UNPRIVILEGED, UNPRIVILEGED, UNPRIVILEGED) ||
		    setresuid(UNPRIVILEGED, UNPRIVILEGED, UNPRIVILEGED))
			_exit(99);
		_exit(fn(pid ?: getpid()));
	}
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int user_open(pid_t pid)
{
	int fd = open(DEV, O_RDWR);

	(void)pid;
	return fd < 0 ? errno : 0;
}

static int user_list(pid_t pid)
{
	struct mvx_fd_list req = fd_list_req(pid, 64);
	int dev = open(DEV, O_RDWR);

	if (dev < 0) {
		printf("abi: open as uid %d: %s\n", getuid(), strerror(errno));
		fflush(stdout);
		return 100;
	}
	return ioctl(dev, MVX_IOC_FD_LIST, &req) ? errno : 0;
}

static void test_unprivileged(void)
{
	int ret;

	ret = as_user(user_open, 0);
	check(ret == EACCES, "abi: a non-root user cannot open " DEV " (%s)",
	      strerrorname_np(ret) ?: "success");

	/* Let the user open the device so that the ioctl's own check shows. */
	chmod(DEV, 0666);
	ret = as_user(user_list, 1);
	check(ret == EPERM, "abi: a non-root caller is refused on a root process (%s)",
	      strerrorname_np(ret) ?: "success");
	ret = as_user(user_list, 0);	/* itself */
	check(ret == 0, "abi: a non-root caller may inspect its own process (%s)",
	      strerrorname_np(ret) ?: "success");
	chmod(DEV, 0600);
}

/* MVX_IOC_MONITOR_INFO takes both of its sizes and checks its padding. */
static void test_monitor_info_versions(int dev)
{
	struct mvx_monitor_info info = { .pid = getpid() };
	long ret;

	info.size = MVX_MONITOR_INFO_SIZE_VER0;
	info.exit_status = 0x5a5a;
	ret = ioctl(dev, MVX_IOC_MONITOR_INFO, &info);
	check(ret == 0 && info.state == MVX_MON_NONE &&
	      info.size == MVX_MONITOR_INFO_SIZE_VER1 && info.exit_status == 0x5a5a,
	      "abi: MONITOR_INFO of VER0 size: answered, nothing written past it");
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	info.pid = getpid();
	info.exit_status = -1;
	ret = ioctl(dev, MVX_IOC_MONITOR_INFO, &info);
	check(ret == 0 && info.state == MVX_MON_NONE && info.exit_status == 0,
	      "abi: MONITOR_INFO of VER1 size: @exit_status is an output");
	info.__pad2 = 1;
	ret = ioctl(dev, MVX_IOC_MONITOR_INFO, &info);
	CHECK_ERRNO(ret, EINVAL, "abi: MONITOR_INFO with __pad2 not zero");
	info.__pad2 = 0;
	info.size = MVX_MONITOR_INFO_SIZE_VER0 - 8;
	ret = ioctl(dev, MVX_IOC_MONITOR_INFO, &info);
	CHECK_ERRNO(ret, EINVAL, "abi: MONITOR_INFO below its VER0 size");
}

int main(void)
{
	int dev = open(DEV, O_RDWR | O_CLOEXEC);

	check(dev >= 0, "abi: root opens " DEV);
	if (dev < 0)
		return 1;

	test_device_node();
	test_directions();
	test_version(dev);
	test_fd_list_self(dev);
	test_fd_list_versions(dev);
	test_fd_list_bad_input(dev);
	test_monitor_info_versions(dev);
	test_unprivileged();

	close(dev);
	return check_failures ? 1 : 0;
}
