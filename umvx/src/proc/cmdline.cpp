#include "proc/cmdline.hpp"

#include "proc/file.hpp"

#include <algorithm>

namespace proc {

std::optional<std::string>
read_cmdline(pid_t pid, const std::string& proc_root, size_t max_bytes)
{
  auto text = read_file(pid, proc_root, "cmdline", max_bytes);
  if (!text) {
    return std::nullopt;
  }
  while (!text->empty() && text->back() == '\0') {
    text->pop_back();
  }
  if (text->empty()) {
    return std::nullopt;
  }
  std::replace(text->begin(), text->end(), '\0', ' ');
  return text;
}

} // namespace proc
