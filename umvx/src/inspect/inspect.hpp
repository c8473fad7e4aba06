#pragma once

#include "device/device.hpp"
#include "inspect/report.hpp"

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>

namespace inspect {

// The command name of a process, if it can be read.
using CommReader = std::function<std::optional<std::string>(pid_t)>;

enum class Format
{
  text,
  json
};

// Lists the open descriptors of pid, finds out whether it is monitored,
// and renders both in format.
util::Result<std::string, device::Error> run(device::Device& device,
                                             pid_t pid,
                                             Format format,
                                             const CommReader& read_comm);

} // namespace inspect
