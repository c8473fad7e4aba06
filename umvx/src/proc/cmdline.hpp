#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace proc {

// The command line of pid from PROC_ROOT/PID/cmdline, its arguments
// separated by blanks (the NULs between them become blanks); nothing if it
// cannot be read or is empty (a kernel thread or a zombie). At most
// max_bytes are read.
std::optional<std::string> read_cmdline(pid_t pid,
                                        const std::string& proc_root = "/proc",
                                        size_t max_bytes = 4096);

} // namespace proc
