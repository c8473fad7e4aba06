#include "proc/comm.hpp"

#include "proc/file.hpp"

namespace proc {

std::optional<std::string>
read_comm(pid_t pid, const std::string& proc_root)
{
  // The kernel caps comm at 15 bytes; read a little more than that.
  auto comm = read_file(pid, proc_root, "comm", 64);
  if (comm && !comm->empty() && comm->back() == '\n') {
    comm->pop_back();
  }
  return comm;
}

} // namespace proc
