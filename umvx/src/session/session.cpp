#include "session/session.hpp"

#include "device/list.hpp"

#include <fcntl.h>

#include <algorithm>
#include <cerrno>

namespace session {

namespace {

const device::FdInfo*
find_fd(const device::FdList& list, int fd)
{
  const auto it
    = std::find_if(list.fds.begin(), list.fds.end(), [fd](const auto& info) {
        return info.fd == fd;
      });
  return it == list.fds.end() ? nullptr : &*it;
}

bool
writable(std::uint32_t open_flags)
{
  const auto access = open_flags & O_ACCMODE;
  return access == O_WRONLY || access == O_RDWR;
}

device::Error::FdState
fd_state(device::Device& device, pid_t pid, int fd)
{
  auto list = device::list_open_fds(device, pid);
  if (!list) {
    return device::Error::FdState::unknown;
  }
  const auto* info = find_fd(*list, fd);
  // An incomplete listing cannot show that a descriptor is missing.
  if (!info && list->total <= list->fds.size()) {
    return device::Error::FdState::not_open;
  }
  if (info && !writable(info->open_flags)) {
    return device::Error::FdState::not_writable;
  }
  return device::Error::FdState::unknown;
}

} // namespace

View
make_view(pid_t pid,
          int fd,
          device::SessionMode mode,
          std::string path,
          const device::FdList& before,
          std::optional<std::string> cmdline)
{
  View view;
  view.pid = pid;
  view.fd = fd;
  view.mode = mode;
  view.path = std::move(path);
  view.cmdline = std::move(cmdline);
  if (const auto* info = find_fd(before, fd)) {
    view.was = info->path;
  }
  return view;
}

Session::Session(device::Device& device,
                 device::SessionId id,
                 pid_t pid,
                 int fd)
  : m_device(device), m_id(id), m_pid(pid), m_fd(fd)
{
}

util::Result<device::SessionStatus, device::Error>
Session::status()
{
  auto status = m_device.session_status(m_id);
  if (!status) {
    auto error = status.error();
    error.pid = m_pid;
    error.fd = m_fd;
    return util::fail(std::move(error));
  }
  return status;
}

util::Result<void, device::Error>
Session::control(device::SessionOp op)
{
  auto done = m_device.session_ctl(m_id, op);
  if (!done) {
    auto error = done.error();
    error.pid = m_pid;
    error.fd = m_fd;
    return util::fail(std::move(error));
  }
  return {};
}

util::Result<void, device::Error>
Session::pause()
{
  return control(device::SessionOp::pause);
}

util::Result<void, device::Error>
Session::resume()
{
  return control(device::SessionOp::resume);
}

util::Result<void, device::Error>
Session::end()
{
  return control(device::SessionOp::end);
}

util::Result<Session, device::Error>
start(device::Device& device,
      pid_t pid,
      int fd,
      device::SessionMode mode,
      int dest_fd)
{
  auto id = device.start_session(pid, fd, mode, dest_fd);
  if (!id) {
    auto error = id.error();
    if (error.err == EBADF) {
      error.fd_state = fd_state(device, pid, fd);
    }
    return util::fail(std::move(error));
  }
  return Session(device, *id, pid, fd);
}

Ending
ending_of(const device::SessionStatus& status)
{
  switch (status.end_reason) {
  case device::EndReason::exited:
    return Ending::exited;
  case device::EndReason::execed:
    return Ending::execed;
  case device::EndReason::none:
    break;
  }
  return Ending::ended;
}

} // namespace session
