#pragma once

#include "device/session_info.hpp"

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace device {

// Why the device could not be used or could not answer a request.
struct Error
{
  enum class Kind
  {
    open,           // opening the device node failed
    query_version,  // MVX_IOC_GET_VERSION failed
    api_mismatch,   // the module speaks another API version
    list_fds,       // MVX_IOC_FD_LIST failed
    start_session,  // MVX_IOC_SESSION_START failed
    session_status, // MVX_IOC_SESSION_STATUS failed
    session_ctl,    // MVX_IOC_SESSION_CTL failed
    monitor_info,   // MVX_IOC_MONITOR_INFO failed
    monitor_read,   // MVX_IOC_MONITOR_READ failed
    group_create,   // MVX_IOC_GROUP_CREATE failed
    group_join,     // MVX_IOC_GROUP_JOIN failed
    group_status,   // MVX_IOC_GROUP_STATUS failed
  };

  // What a listing of the target said about the descriptor of a session
  // that could not start with EBADF.
  enum class FdState
  {
    unknown,
    not_open,
    not_writable,
  };

  Kind kind = Kind::open;
  int err = 0;        // errno; 0 for api_mismatch
  std::string device; // the device node's path
  pid_t pid = 0;      // the target, for list_fds, sessions and monitors
  int fd = -1;        // the target's descriptor, for sessions
  FdState fd_state = FdState::unknown; // for start_session with EBADF
  SessionOp op = SessionOp::end;       // for session_ctl
  std::uint32_t module_api = 0;        // for api_mismatch
  std::uint32_t wanted_api = 0;        // for api_mismatch
  std::uint32_t variant = 0;           // for group_join

  static Error open_failed(std::string device, int err);
  static Error version_failed(std::string device, int err);
  static Error wrong_api(std::string device,
                         std::uint32_t module_api,
                         std::uint32_t wanted_api);
  static Error list_failed(std::string device, pid_t pid, int err);
  static Error start_failed(std::string device, pid_t pid, int fd, int err);
  // The device knows only the session's id; the caller may fill in pid
  // and fd for the message.
  static Error status_failed(std::string device, int err);
  static Error ctl_failed(std::string device, SessionOp op, int err);
  static Error monitor_info_failed(std::string device, pid_t pid, int err);
  static Error monitor_read_failed(std::string device, pid_t pid, int err);
  static Error group_create_failed(std::string device, int err);
  static Error group_join_failed(std::string device,
                                 std::uint32_t variant,
                                 int err);
  static Error group_status_failed(std::string device, int err);
};

// One line saying what went wrong, without the "umvx: " prefix.
std::string describe(const Error& error);

// Whether the device itself is unusable, as opposed to one request failing.
bool device_unusable(const Error& error);

} // namespace device
