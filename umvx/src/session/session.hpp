#pragma once

#include "device/device.hpp"

#include <sys/types.h>

#include <optional>
#include <string>

namespace session {

// What umvx shows about a session besides the device's counters: the
// target and its descriptor as they were before the session started.
struct View
{
  pid_t pid = 0;
  int fd = -1;
  device::SessionMode mode = device::SessionMode::remap;
  std::string path;                   // the destination, as given
  std::optional<std::string> cmdline; // the target's, arguments blank-separated
  std::optional<std::string> was;     // what fd pointed to, as readlink shows

  bool
  duplicating() const
  {
    return mode == device::SessionMode::duplicate;
  }
};

// The view of a session on fd of pid, taking what fd pointed to from a
// listing of pid's descriptors made before the session started.
View make_view(pid_t pid,
               int fd,
               device::SessionMode mode,
               std::string path,
               const device::FdList& before,
               std::optional<std::string> cmdline);

// How a session came to an end.
enum class Ending
{
  restored, // umvx ended it
  exited,   // the target exited
  execed,   // the target executed a new program
  unloaded, // the kmvx module was unloaded, which restored the target
  ended,    // the device said it ended, without saying why
};

// A started session on an open device. The device restores the target
// when it is closed, so this handle only steers the session.
class Session
{
public:
  Session(device::Device& device, device::SessionId id, pid_t pid, int fd);

  device::SessionId
  id() const
  {
    return m_id;
  }

  util::Result<device::SessionStatus, device::Error> status();
  util::Result<void, device::Error> pause();
  util::Result<void, device::Error> resume();
  // Restores the target and ends the session.
  util::Result<void, device::Error> end();

private:
  util::Result<void, device::Error> control(device::SessionOp op);

  device::Device& m_device;
  device::SessionId m_id;
  pid_t m_pid;
  int m_fd;
};

// Starts a session on fd of pid that writes to this process's dest_fd.
// When the device answers EBADF, a listing of pid's descriptors says
// whether fd is not open or not open for writing.
util::Result<Session, device::Error> start(device::Device& device,
                                           pid_t pid,
                                           int fd,
                                           device::SessionMode mode,
                                           int dest_fd);

// The Ending a status of an ended session stands for.
Ending ending_of(const device::SessionStatus& status);

} // namespace session
