#pragma once

#include "device/error.hpp"
#include "device/fd_info.hpp"
#include "device/group_info.hpp"
#include "device/monitor_info.hpp"
#include "device/session_info.hpp"
#include "util/result.hpp"

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace device {

// The device node used unless MVX_DEVICE names another.
inline constexpr const char* default_path = "/dev/mvx";

// MVX_API_VERSION of the header umvx was built with.
extern const std::uint32_t api_version;

// The most entries one list_fds() call can return (MVX_FD_LIST_MAX).
extern const std::uint32_t max_list_capacity;

// The most bytes one monitor_read() call copies (MVX_MONITOR_READ_MAX).
extern const std::uint32_t max_monitor_read;

struct Version
{
  std::uint32_t api_version = 0;
  std::uint32_t fd_entry_size = 0;
  std::uint32_t fd_list_size = 0;
};

// The mvx controller device. Everything above this interface is unaware of
// ioctls, so that tests can stand in for the kernel module.
class Device
{
public:
  virtual ~Device() = default;

  virtual util::Result<Version, Error> version() = 0;

  // The open descriptors of pid, at most capacity of them (capacity is at
  // most max_list_capacity); total counts them all.
  virtual util::Result<FdList, Error> list_fds(pid_t pid,
                                               std::uint32_t capacity)
    = 0;

  // Starts a session on descriptor fd of pid whose destination is this
  // process's descriptor dest_fd. The session lasts until session_ctl()
  // ends it, the target exits or execs, or this device is destroyed:
  // each of these restores the target.
  virtual util::Result<SessionId, Error> start_session(pid_t pid,
                                                       int fd,
                                                       SessionMode mode,
                                                       int dest_fd)
    = 0;

  virtual util::Result<SessionStatus, Error> session_status(SessionId id) = 0;

  virtual util::Result<void, Error> session_ctl(SessionId id, SessionOp op) = 0;

  // Whether pid is monitored, and what the kernel knows of its monitor;
  // exited (with the exit status) for a process whose monitor this
  // device has seen active and that has exited since.
  virtual util::Result<MonitorInfo, Error> monitor_info(pid_t pid) = 0;

  // Copies buf.size() bytes at offset of the record area of pid's monitor
  // into buf, while the process runs, or after it has exited if this
  // device watched it (at most max_monitor_read at once).
  virtual util::Result<void, Error> monitor_read(pid_t pid,
                                                 std::uint64_t offset,
                                                 std::span<std::byte> buf)
    = 0;

  // Makes this device the controller of a new group of n variants (1 to
  // group_max). The group lasts as long as this device: destroying it (or
  // closing its descriptor in every process) stops the group, and the
  // kernel kills the variants.
  virtual util::Result<void, Error> create_group(std::uint32_t n) = 0;

  // Makes the calling process variant index of this device's group, 0
  // being the leader. Called by a child that inherited the device across
  // fork(), before it executes the variant's program.
  virtual util::Result<void, Error> join_group(std::uint32_t index) = 0;

  // The state of this device's group and, once it has stopped, why.
  virtual util::Result<GroupStatus, Error> group_status() = 0;
};

// Opens the mvx device node at path and checks that it speaks api_version.
util::Result<std::unique_ptr<Device>, Error> open_mvx(const std::string& path);

// Succeeds if a device reporting version can serve this umvx.
util::Result<void, Error> check_version(const Version& version,
                                        const std::string& path);

// Asks a freshly opened device (at path) for its version and hands it back
// if it can serve this umvx.
util::Result<std::unique_ptr<Device>, Error> verify_version(
  std::unique_ptr<Device> device,
  const std::string& path);

} // namespace device
