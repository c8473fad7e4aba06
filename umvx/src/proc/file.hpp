#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace proc {

// The first max_bytes of PROC_ROOT/PID/NAME (for example "comm"), as
// they are; nothing if the file cannot be opened or read.
std::optional<std::string> read_file(pid_t pid,
                                     const std::string& proc_root,
                                     const char* name,
                                     size_t max_bytes);

} // namespace proc
