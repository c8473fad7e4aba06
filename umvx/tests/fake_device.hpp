#pragma once

// A stand-in for the kernel module: answers from canned descriptors or
// fails with a canned errno, and records what it was asked.

#include "device/device.hpp"

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace test {

// One start_session() call.
struct StartCall
{
  pid_t pid;
  int fd;
  device::SessionMode mode;
  int dest_fd;
  int
    dest_status_flags; // fcntl(dest_fd, F_GETFL) during the call; -1 if closed
};

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

  // Sessions: one at a time, whose status tests set and change.
  std::vector<StartCall> starts;
  std::optional<int> start_errno;
  device::SessionId next_id = 7;
  device::SessionStatus status;
  std::optional<int> status_errno;
  int status_calls = 0;
  // Called at the start of every session_status() call.
  std::function<void(FakeDevice&)> on_status;
  std::vector<std::pair<device::SessionId, device::SessionOp>> ctls;
  std::optional<int> ctl_errno;
  // Set by a successful MVX_SESSION_END: the session is forgotten.
  bool ended = false;

  // Monitors: what monitor_info() reports, and the record area that
  // monitor_read() copies from (tests lay it out with mvx_ring.h).
  device::MonitorInfo monitor;
  std::vector<std::byte> records;
  std::optional<int> monitor_errno;
  std::optional<int> read_errno;
  int monitor_calls = 0;
  // Offset and length of every monitor_read() call, in order.
  std::vector<std::pair<std::uint64_t, std::size_t>> reads;
  // Called at the start of every monitor_info() call.
  std::function<void(FakeDevice&)> on_monitor;
  // Called after every monitor_read() copy, with its offset and length:
  // a writer racing the reader.
  std::function<void(FakeDevice&, std::uint64_t, std::size_t)> on_read;

  // Groups: the sizes create_group() was asked for, the indexes
  // join_group() was, and what group_status() reports.
  std::vector<std::uint32_t> created;
  std::optional<int> create_errno;
  std::vector<std::uint32_t> joined;
  std::optional<int> join_errno; // for indexes from join_fails_from on
  std::uint32_t join_fails_from = 0;
  device::GroupStatus group;
  std::optional<int> group_errno;

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

  util::Result<device::SessionId, device::Error>
  start_session(pid_t pid,
                int fd,
                device::SessionMode mode,
                int dest_fd) override
  {
    starts.push_back({pid, fd, mode, dest_fd, ::fcntl(dest_fd, F_GETFL)});
    if (start_errno) {
      return util::fail(
        device::Error::start_failed("/dev/mvx", pid, fd, *start_errno));
    }
    status.pid = pid;
    status.fd = fd;
    status.mode = mode;
    return next_id;
  }

  util::Result<device::SessionStatus, device::Error>
  session_status(device::SessionId id) override
  {
    ++status_calls;
    if (on_status) {
      on_status(*this);
    }
    if (status_errno) {
      return util::fail(
        device::Error::status_failed("/dev/mvx", *status_errno));
    }
    if (id != next_id || ended) {
      return util::fail(device::Error::status_failed("/dev/mvx", ENOENT));
    }
    return status;
  }

  util::Result<void, device::Error>
  session_ctl(device::SessionId id, device::SessionOp op) override
  {
    ctls.emplace_back(id, op);
    if (ctl_errno) {
      return util::fail(device::Error::ctl_failed("/dev/mvx", op, *ctl_errno));
    }
    if (id != next_id || ended) {
      return util::fail(device::Error::ctl_failed("/dev/mvx", op, ENOENT));
    }
    if (status.state == device::SessionState::ended
        && op != device::SessionOp::end) {
      return util::fail(device::Error::ctl_failed("/dev/mvx", op, ESRCH));
    }
    switch (op) {
    case device::SessionOp::pause:
      status.state = device::SessionState::paused;
      break;
    case device::SessionOp::resume:
      status.state = device::SessionState::active;
      break;
    case device::SessionOp::end:
      ended = true;
      break;
    }
    return {};
  }

  util::Result<device::MonitorInfo, device::Error>
  monitor_info(pid_t pid) override
  {
    ++monitor_calls;
    if (on_monitor) {
      on_monitor(*this);
    }
    if (monitor_errno) {
      return util::fail(
        device::Error::monitor_info_failed("/dev/mvx", pid, *monitor_errno));
    }
    return monitor;
  }

  util::Result<void, device::Error>
  monitor_read(pid_t pid,
               std::uint64_t offset,
               std::span<std::byte> buf) override
  {
    reads.emplace_back(offset, buf.size());
    if (read_errno) {
      return util::fail(
        device::Error::monitor_read_failed("/dev/mvx", pid, *read_errno));
    }
    // The device's watch keeps the record area of an exited process.
    if (monitor.state != device::MonitorState::active
        && monitor.state != device::MonitorState::exited) {
      return util::fail(
        device::Error::monitor_read_failed("/dev/mvx", pid, ENODATA));
    }
    if (offset > records.size() || buf.size() > records.size() - offset) {
      return util::fail(
        device::Error::monitor_read_failed("/dev/mvx", pid, EINVAL));
    }
    std::memcpy(buf.data(), records.data() + offset, buf.size());
    if (on_read) {
      on_read(*this, offset, buf.size());
    }
    return {};
  }

  util::Result<void, device::Error>
  create_group(std::uint32_t n) override
  {
    created.push_back(n);
    if (create_errno) {
      return util::fail(
        device::Error::group_create_failed("/dev/mvx", *create_errno));
    }
    return {};
  }

  util::Result<void, device::Error>
  join_group(std::uint32_t index) override
  {
    joined.push_back(index);
    if (join_errno && index >= join_fails_from) {
      return util::fail(
        device::Error::group_join_failed("/dev/mvx", index, *join_errno));
    }
    return {};
  }

  util::Result<device::GroupStatus, device::Error>
  group_status() override
  {
    if (group_errno) {
      return util::fail(
        device::Error::group_status_failed("/dev/mvx", *group_errno));
    }
    return group;
  }
};

// Hands out a test's fake while the test keeps looking at it.
class SharedDevice : public device::Device
{
public:
  explicit SharedDevice(std::shared_ptr<test::FakeDevice> target)
    : m_target(std::move(target))
  {
  }

  util::Result<device::Version, device::Error>
  version() override
  {
    return m_target->version();
  }

  util::Result<device::FdList, device::Error>
  list_fds(pid_t pid, std::uint32_t capacity) override
  {
    return m_target->list_fds(pid, capacity);
  }

  util::Result<device::SessionId, device::Error>
  start_session(pid_t pid,
                int fd,
                device::SessionMode mode,
                int dest_fd) override
  {
    return m_target->start_session(pid, fd, mode, dest_fd);
  }

  util::Result<device::SessionStatus, device::Error>
  session_status(device::SessionId id) override
  {
    return m_target->session_status(id);
  }

  util::Result<void, device::Error>
  session_ctl(device::SessionId id, device::SessionOp op) override
  {
    return m_target->session_ctl(id, op);
  }

  util::Result<device::MonitorInfo, device::Error>
  monitor_info(pid_t pid) override
  {
    return m_target->monitor_info(pid);
  }

  util::Result<void, device::Error>
  monitor_read(pid_t pid,
               std::uint64_t offset,
               std::span<std::byte> buf) override
  {
    return m_target->monitor_read(pid, offset, buf);
  }

  util::Result<void, device::Error>
  create_group(std::uint32_t n) override
  {
    return m_target->create_group(n);
  }

  util::Result<void, device::Error>
  join_group(std::uint32_t index) override
  {
    return m_target->join_group(index);
  }

  util::Result<device::GroupStatus, device::Error>
  group_status() override
  {
    return m_target->group_status();
  }

private:
  std::shared_ptr<test::FakeDevice> m_target;
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
