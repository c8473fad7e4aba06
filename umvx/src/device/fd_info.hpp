#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace device {

// What kind of file an open file descriptor refers to.
enum class FileType
{
  unknown,
  regular,
  directory,
  char_device,
  block_device,
  fifo,
  socket,
  symlink,    // an O_PATH descriptor of a symbolic link
  anon_inode, // eventfd, epoll, timerfd, ...
};

// One open file descriptor of a process, as the device reports it.
struct FdInfo
{
  int fd = -1;
  bool cloexec = false;
  // The open file's status flags with the kernel's bit values (which may
  // differ from <fcntl.h>'s: O_LARGEFILE), without O_CLOEXEC.
  std::uint32_t open_flags = 0;
  FileType type = FileType::unknown;
  std::int64_t pos = 0;
  // dev and rdev use stat(2)'s encoding: major() and minor() decode them.
  std::uint64_t dev = 0;
  std::uint64_t rdev = 0;
  std::uint64_t ino = 0;
  std::int64_t size = 0;
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::uint32_t mode = 0;
  // What readlink() of /proc/PID/fd/FD would show, e.g. "pipe:[1234]".
  std::string path;
};

// The descriptors of a process, lowest first. total is how many it had
// open; when it exceeds fds.size() the listing is incomplete.
struct FdList
{
  std::vector<FdInfo> fds;
  std::uint32_t total = 0;
};

} // namespace device
