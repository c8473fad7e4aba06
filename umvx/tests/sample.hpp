#pragma once

// The descriptors of a typical small process, shared by the output tests.

#include "device/fd_info.hpp"
#include "inspect/decode.hpp"
#include "inspect/report.hpp"

#include <fcntl.h>
#include <sys/sysmacros.h>

#include <vector>

namespace test {

struct SampleFd
{
  int fd;
  bool cloexec;
  std::uint32_t open_flags;
  device::FileType type;
  std::int64_t pos;
  std::uint64_t dev;
  std::uint64_t rdev;
  std::uint64_t ino;
  std::int64_t size;
  std::uint32_t uid;
  std::uint32_t gid;
  std::uint32_t mode;
  const char* path;
};

inline std::vector<device::FdInfo>
sample_fds()
{
  using device::FileType;
  constexpr auto largefile = inspect::kernel_o_largefile;
  const SampleFd samples[] = {
    {0,
     false,
     O_RDWR | largefile,
     FileType::char_device,
     0,
     makedev(0, 25),
     makedev(136, 0),
     3,
     0,
     1000,
     5,
     020620,
     "/dev/pts/0"},
    {1,
     false,
     O_RDWR | largefile,
     FileType::char_device,
     0,
     makedev(0, 25),
     makedev(136, 0),
     3,
     0,
     1000,
     5,
     020620,
     "/dev/pts/0"},
    {3,
     true,
     O_RDONLY | largefile,
     FileType::regular,
     1234,
     makedev(8, 1),
     0,
     131090,
     2761,
     0,
     0,
     0100644,
     "/etc/passwd"},
    {4,
     false,
     O_WRONLY | O_NONBLOCK,
     FileType::fifo,
     0,
     makedev(0, 13),
     0,
     56789,
     0,
     1000,
     1000,
     010600,
     "pipe:[56789]"},
    {5,
     true,
     O_RDWR,
     FileType::socket,
     0,
     makedev(0, 8),
     0,
     98765,
     0,
     1000,
     1000,
     0140777,
     "socket:[98765]"},
    {6,
     true,
     O_RDWR | O_NONBLOCK,
     FileType::anon_inode,
     0,
     makedev(0, 15),
     0,
     1055,
     0,
     0,
     0,
     0600,
     "anon_inode:[eventfd]"},
    {7,
     true,
     O_RDONLY | O_NONBLOCK | O_DIRECTORY | largefile,
     FileType::directory,
     0,
     makedev(8, 1),
     0,
     524289,
     4096,
     1000,
     1000,
     040755,
     "/home/user"},
    {10,
     false,
     O_WRONLY | O_APPEND | largefile,
     FileType::regular,
     40960,
     makedev(8, 1),
     0,
     131200,
     40960,
     1000,
     1000,
     0100600,
     "/tmp/fakeproc.log"},
  };

  std::vector<device::FdInfo> fds;
  for (const auto& s : samples) {
    device::FdInfo info;
    info.fd = s.fd;
    info.cloexec = s.cloexec;
    info.open_flags = s.open_flags;
    info.type = s.type;
    info.pos = s.pos;
    info.dev = s.dev;
    info.rdev = s.rdev;
    info.ino = s.ino;
    info.size = s.size;
    info.uid = s.uid;
    info.gid = s.gid;
    info.mode = s.mode;
    info.path = s.path;
    fds.push_back(info);
  }
  return fds;
}

inline inspect::Report
sample_report()
{
  inspect::Report report;
  report.pid = 1234;
  report.comm = "fakeproc";
  report.list.fds = sample_fds();
  report.list.total = static_cast<std::uint32_t>(report.list.fds.size());
  // What a fake device says: not monitored.
  report.monitor = monitor::Status{};
  return report;
}

} // namespace test
