#pragma once

#include "device/device.hpp"
#include "inspect/inspect.hpp"

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace app {

enum ExitStatus : int
{
  exit_ok = 0,
  exit_failed = 1, // the request failed: no such process, permission, ...
  exit_usage = 2,
  exit_device = 3, // the mvx device is missing, inaccessible or too old
};

using DeviceOpener
  = std::function<util::Result<std::unique_ptr<device::Device>, device::Error>(
    const std::string& path)>;

// Everything umvx takes from its surroundings, so that tests can supply
// their own.
struct Context
{
  Context(std::ostream& out_, std::ostream& err_) : out(out_), err(err_)
  {
  }

  std::ostream& out;
  std::ostream& err;
  std::string device_path = device::default_path;
  DeviceOpener open_device;
  inspect::CommReader read_comm;
};

// The real surroundings: /dev/mvx or mvx_device_env (the value of
// MVX_DEVICE, may be null), /proc, and the given streams.
Context system_context(std::ostream& out,
                       std::ostream& err,
                       const char* mvx_device_env);

// "umvx 0.1.0 (mvx API version 1)\n"
std::string version_text();

// Runs umvx with the arguments after the program name; returns the exit
// status.
int run(const std::vector<std::string>& args, Context& context);

} // namespace app
