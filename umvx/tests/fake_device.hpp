#pragma once

// A stand-in for the kernel module: answers from canned descriptors or
// fails with a canned errno, and records what it was asked.

#include "device/device.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace test {

class FakeDevice : public device::Device
{
public:
  // The descriptors the target process has open.
  std::vector<device::FdInfo> fds;
  // Descriptors counted in total but never listed, as if the process kept
  // opening files while it was being listed.
  std::uint32_t unlisted = 0;
  std::optional<int> list_errno;
  device::Version reported_version{device::api_version, 4168, 32};
  std::optional<int> version_errno;

  // Capacity and pid of every list_fds() call, in order.
  std::vector<std::uint32_t> capacities;
  std::vector<pid_t> pids;
  // Called at the start of every list_fds() call.
  std::function<void(FakeDevice&)> on_list;

  util::Result<device::Version, device::Error>
  version() override
  {
    if (version_errno) {
      return util::fail(
        device::Error::version_failed("/dev/mvx", *version_errno));
    }
    return reported_version;
  }

  util::Result<device::FdList, device::Error>
  list_fds(pid_t pid, std::uint32_t capacity) override
  {
    capacities.push_back(capacity);
    pids.push_back(pid);
    if (on_list) {
      on_list(*this);
    }
    if (list_errno) {
      return util::fail(
        device::Error::list_failed("/dev/mvx", pid, *list_errno));
    }
    device::FdList list;
    list.total = static_cast<std::uint32_t>(fds.size()) + unlisted;
    const auto n = std::min<size_t>(fds.size(), capacity);
    list.fds.assign(fds.begin(), fds.begin() + static_cast<long>(n));
    return list;
  }
};

inline device::FdInfo
fd_info(int fd, device::FileType type, std::string path)
{
  device::FdInfo info;
  info.fd = fd;
  info.type = type;
  info.path = std::move(path);
  return info;
}

} // namespace test
