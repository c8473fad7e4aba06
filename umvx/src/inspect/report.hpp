#pragma once

#include "device/fd_info.hpp"
#include "monitor/status.hpp"

#include <sys/types.h>

#include <optional>
#include <string>

namespace inspect {

// What inspecting one process found.
struct Report
{
  pid_t pid = 0;
  std::optional<std::string> comm; // the command name, if it could be read
  device::FdList list;
  std::optional<monitor::Status> monitor; // shown after the descriptors
};

} // namespace inspect
