#include "proc/comm.hpp"

#include "util/fd.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace proc {

std::optional<std::string>
read_comm(pid_t pid, const std::string& proc_root)
{
  const std::string path = proc_root + "/" + std::to_string(pid) + "/comm";
  util::Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) {
    return std::nullopt;
  }

  // The kernel caps comm at 15 bytes; read a little more than that.
  char buf[64];
  ssize_t n;
  do {
    n = ::read(fd.get(), buf, sizeof(buf));
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    return std::nullopt;
  }

  std::string comm(buf, static_cast<size_t>(n));
  if (!comm.empty() && comm.back() == '\n') {
    comm.pop_back();
  }
  return comm;
}

} // namespace proc
