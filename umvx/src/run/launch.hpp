#pragma once

#include "device/device.hpp"
#include "run/options.hpp"

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace run {

// The exit statuses of umvx run besides PROGRAM's own.
enum ExitStatus : int
{
  exit_usage = 2,            // a --variant FILE that cannot be executed
  exit_diverged = 124,       // the variants of a group diverged
  exit_failed = 125,         // umvx run itself failed
  exit_cannot_execute = 126, // PROGRAM was found but cannot be executed
  exit_not_found = 127,      // PROGRAM was not found
};

// What umvx run takes from its surroundings.
struct Surroundings
{
  std::vector<std::string> environ;      // "NAME=value"
  std::string self_exe;                  // the path of umvx (/proc/self/exe)
  std::optional<std::string> mvx_libmvx; // $MVX_LIBMVX, if set and not empty
  std::string installed_libmvx;          // the LIBDIR default
  std::string cwd;
  std::string path = "/bin:/usr/bin"; // $PATH, if set
  // The mvx device a group is made on (only with -n or --variant).
  std::string device_path = device::default_path;
  std::function<util::Result<std::unique_ptr<device::Device>, device::Error>(
    const std::string& path)>
    open_device;
};

// The surroundings of this process.
Surroundings system_surroundings();

// umvx's exit status for a wait(2) status of PROGRAM: its exit status, or
// 128 + N if signal N killed it.
int exit_status(int wait_status);

// Checks the policy, finds libmvx.so and PROGRAM, refuses a static PROGRAM
// (unless allowed), then runs PROGRAM as umvx's child with libmvx
// preloaded, passes SIGINT, SIGTERM, SIGHUP and SIGQUIT sent to umvx on
// to it, and returns its exit status (see exit_status()). With a group
// (options.group()), runs the variants instead (run/group.hpp). Errors
// are reported on err in one line and give the ExitStatus above.
int execute(const Options& options,
            const Surroundings& surroundings,
            std::ostream& err);

} // namespace run
