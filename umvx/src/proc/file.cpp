#include "proc/file.hpp"

#include "util/fd.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace proc {

std::optional<std::string>
read_file(pid_t pid,
          const std::string& proc_root,
          const char* name,
          size_t max_bytes)
{
  const std::string path = proc_root + "/" + std::to_string(pid) + "/" + name;
  util::Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) {
    return std::nullopt;
  }

  std::string text;
  char buf[1024];
  while (text.size() < max_bytes) {
    const ssize_t n = ::read(fd.get(), buf, sizeof(buf));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return std::nullopt;
    }
    if (n == 0) {
      break;
    }
    text.append(buf, std::min(static_cast<size_t>(n), max_bytes - text.size()));
  }
  return text;
}

} // namespace proc
