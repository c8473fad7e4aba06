#include "session/destination.hpp"

#include <fcntl.h>

#include <cerrno>

namespace session {

int
destination_flags(bool truncate)
{
  // O_NOCTTY: a terminal given as the destination must not become umvx's
  // controlling terminal.
  return O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY
         | (truncate ? O_TRUNC : O_APPEND);
}

util::Result<util::Fd>
open_destination(const std::string& path, bool truncate)
{
  int fd;
  do {
    fd = ::open(path.c_str(), destination_flags(truncate), destination_mode);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    return util::fail(util::Error{errno, path});
  }
  return util::Fd(fd);
}

} // namespace session
