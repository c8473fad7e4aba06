#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace proc {

// The command name of pid from PROC_ROOT/PID/comm, without its newline;
// nothing if it cannot be read (the process is gone, or /proc is hidden).
std::optional<std::string> read_comm(pid_t pid,
                                     const std::string& proc_root = "/proc");

} // namespace proc
