#include "device/error.hpp"

#include "util/strings.hpp"

#include <cerrno>

namespace device {

Error
Error::open_failed(std::string device, int err)
{
  Error e;
  e.kind = Kind::open;
  e.err = err;
  e.device = std::move(device);
  return e;
}

Error
Error::version_failed(std::string device, int err)
{
  Error e;
  e.kind = Kind::query_version;
  e.err = err;
  e.device = std::move(device);
  return e;
}

Error
Error::wrong_api(std::string device,
                 std::uint32_t module_api,
                 std::uint32_t wanted_api)
{
  Error e;
  e.kind = Kind::api_mismatch;
  e.device = std::move(device);
  e.module_api = module_api;
  e.wanted_api = wanted_api;
  return e;
}

Error
Error::list_failed(std::string device, pid_t pid, int err)
{
  Error e;
  e.kind = Kind::list_fds;
  e.err = err;
  e.device = std::move(device);
  e.pid = pid;
  return e;
}

Error
Error::start_failed(std::string device, pid_t pid, int fd, int err)
{
  Error e;
  e.kind = Kind::start_session;
  e.err = err;
  e.device = std::move(device);
  e.pid = pid;
  e.fd = fd;
  return e;
}

Error
Error::status_failed(std::string device, int err)
{
  Error e;
  e.kind = Kind::session_status;
  e.err = err;
  e.device = std::move(device);
  return e;
}

Error
Error::ctl_failed(std::string device, SessionOp op, int err)
{
  Error e;
  e.kind = Kind::session_ctl;
  e.err = err;
  e.device = std::move(device);
  e.op = op;
  return e;
}

Error
Error::monitor_info_failed(std::string device, pid_t pid, int err)
{
  Error e = list_failed(std::move(device), pid, err);
  e.kind = Kind::monitor_info;
  return e;
}

Error
Error::monitor_read_failed(std::string device, pid_t pid, int err)
{
  Error e = list_failed(std::move(device), pid, err);
  e.kind = Kind::monitor_read;
  return e;
}

Error
Error::group_create_failed(std::string device, int err)
{
  Error e = open_failed(std::move(device), err);
  e.kind = Kind::group_create;
  return e;
}

Error
Error::group_join_failed(std::string device, std::uint32_t variant, int err)
{
  Error e = open_failed(std::move(device), err);
  e.kind = Kind::group_join;
  e.variant = variant;
  return e;
}

Error
Error::group_status_failed(std::string device, int err)
{
  Error e = open_failed(std::move(device), err);
  e.kind = Kind::group_status;
  return e;
}

namespace {

std::string
describe_open(const Error& e)
{
  switch (e.err) {
  case ENOENT:
  case ENODEV:
  case ENXIO:
    return e.device
           + ": no such device: the kmvx module is not loaded"
             " (load it with 'modprobe kmvx' or 'insmod kmvx.ko')";
  case EACCES:
  case EPERM:
    return e.device + ": permission denied (run umvx as root)";
  default:
    return e.device + ": " + util::error_text(e.err);
  }
}

std::string
pid_prefix(const Error& e)
{
  return "pid " + std::to_string(e.pid) + ": ";
}

// The errors every request that names a process can fail with, worded
// the same for all of them; nothing for other errors.
std::string
describe_target(const Error& e)
{
  switch (e.err) {
  case ESRCH:
    return pid_prefix(e) + util::error_text(e.err);
  case EPERM:
  case EACCES:
    return pid_prefix(e) + util::error_text(e.err)
           + " (may not ptrace this process)";
  case EINVAL:
    return pid_prefix(e) + util::error_text(e.err)
           + " (a kernel thread or an exiting process)";
  case ETIMEDOUT:
    return pid_prefix(e) + "the process did not respond (is it stopped?)";
  default:
    return "";
  }
}

std::string
describe_list(const Error& e)
{
  if (auto text = describe_target(e); !text.empty()) {
    return text;
  }
  return pid_prefix(e) + util::error_text(e.err);
}

std::string
describe_start(const Error& e)
{
  const std::string fd = pid_prefix(e) + "fd " + std::to_string(e.fd) + ": ";
  if (e.err == EBADF) {
    switch (e.fd_state) {
    case Error::FdState::not_open:
      return fd + "not open";
    case Error::FdState::not_writable:
      return fd + "not open for writing";
    case Error::FdState::unknown:
      break;
    }
  } else if (e.err == EBUSY) {
    return fd + "already in a session";
  } else if (auto text = describe_target(e); !text.empty()) {
    return text;
  }
  return fd + util::error_text(e.err);
}

std::string
describe_monitor(const Error& e)
{
  // ENODATA: the monitor went away between the two requests.
  if (e.err == ENODATA) {
    return "process " + std::to_string(e.pid) + " is not monitored";
  }
  if (e.err == EPROTO) {
    return pid_prefix(e)
           + "the monitor's record area is not one umvx knows"
             " (another version of libmvx?)";
  }
  if (e.kind == Error::Kind::monitor_read && e.err == EINVAL) {
    return pid_prefix(e)
           + "cannot read the monitor's records: " + util::error_text(e.err);
  }
  return describe_list(e);
}

// Errors of a running session: "pid N fd F: ..." as its other lines.
std::string
describe_running(const Error& e, const char* doing)
{
  if (e.err == ETIMEDOUT) {
    return describe_target(e);
  }
  return "pid " + std::to_string(e.pid) + " fd " + std::to_string(e.fd) + ": "
         + doing + ": " + util::error_text(e.err);
}

const char*
op_doing(SessionOp op)
{
  switch (op) {
  case SessionOp::pause:
    return "cannot pause the session";
  case SessionOp::resume:
    return "cannot resume the session";
  case SessionOp::end:
    break;
  }
  return "cannot end the session";
}

std::string
describe_group(const Error& e)
{
  switch (e.kind) {
  case Error::Kind::group_create:
    return e.device
           + ": cannot make a group of variants: " + util::error_text(e.err);
  case Error::Kind::group_join: {
    const std::string variant
      = "variant " + std::to_string(e.variant) + ": cannot join the group: ";
    if (e.err == ESRCH) {
      return variant + "the group has stopped";
    }
    if (e.err == EBUSY) {
      return variant + util::error_text(e.err)
             + " (joined already, monitored, or not single-threaded)";
    }
    return variant + util::error_text(e.err);
  }
  default:
    return e.device
           + ": cannot read the group's status: " + util::error_text(e.err);
  }
}

} // namespace

std::string
describe(const Error& error)
{
  switch (error.kind) {
  case Error::Kind::open:
    return describe_open(error);
  case Error::Kind::query_version:
    if (error.err == ENOTTY) {
      return error.device + ": " + util::error_text(error.err)
             + " (not an mvx device)";
    }
    return error.device + ": " + util::error_text(error.err);
  case Error::Kind::api_mismatch:
    return error.device + ": kmvx speaks API version "
           + std::to_string(error.module_api) + ", umvx needs "
           + std::to_string(error.wanted_api);
  case Error::Kind::list_fds:
    return describe_list(error);
  case Error::Kind::start_session:
    return describe_start(error);
  case Error::Kind::session_status:
    return describe_running(error, "cannot read the session status");
  case Error::Kind::session_ctl:
    return describe_running(error, op_doing(error.op));
  case Error::Kind::monitor_info:
  case Error::Kind::monitor_read:
    return describe_monitor(error);
  case Error::Kind::group_create:
  case Error::Kind::group_join:
  case Error::Kind::group_status:
    return describe_group(error);
  }
  return error.device + ": " + util::error_text(error.err);
}

bool
device_unusable(const Error& error)
{
  switch (error.kind) {
  case Error::Kind::open:
  case Error::Kind::query_version:
  case Error::Kind::api_mismatch:
    return true;
  case Error::Kind::list_fds:
  case Error::Kind::start_session:
  case Error::Kind::session_status:
  case Error::Kind::session_ctl:
  case Error::Kind::monitor_info:
  case Error::Kind::monitor_read:
  case Error::Kind::group_create:
  case Error::Kind::group_join:
  case Error::Kind::group_status:
    break;
  }
  return false;
}

} // namespace device
