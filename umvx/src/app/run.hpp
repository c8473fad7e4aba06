#pragma once

#include "device/device.hpp"
#include "inspect/inspect.hpp"
#include "monitor/watch.hpp"
#include "run/launch.hpp"
#include "session/session.hpp"
#include "session/ui.hpp"

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

// Makes the Ui of a session about to start; may give nothing (the session
// screen when the terminal cannot show it).
using UiMaker
  = std::function<std::unique_ptr<session::Ui>(const session::View& view,
                                               std::ostream& err)>;

using CmdlineReader = std::function<std::optional<std::string>(pid_t)>;

// Makes the Ui of umvx -m; may give nothing (the monitor screen when the
// terminal cannot show it).
using MonitorUiMaker
  = std::function<std::unique_ptr<monitor::Ui>(std::ostream& out)>;

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
  CmdlineReader read_cmdline;
  // Whether a session gets the screen unless --no-tui: standard input and
  // output are a terminal.
  bool interactive = false;
  UiMaker make_screen_ui;             // the session screen; umvx_lib has none
  UiMaker make_plain_ui;              // status lines on err
  MonitorUiMaker make_monitor_screen; // umvx_lib has none
  MonitorUiMaker make_monitor_plain;  // lines on out
  monitor::Clock clock;
  // What umvx run takes from the environment, and how it runs PROGRAM.
  run::Surroundings run_surroundings;
  std::function<
    int(const run::Options&, const run::Surroundings&, std::ostream&)>
    execute = run::execute;
};

// The real surroundings: /dev/mvx or mvx_device_env (the value of
// MVX_DEVICE, may be null), /proc, the given streams, and plain status
// lines for sessions (the caller adds the screen).
Context system_context(std::ostream& out,
                       std::ostream& err,
                       const char* mvx_device_env);

// "umvx 0.1.0 (mvx API version 1)\n"
std::string version_text();

// Runs umvx with the arguments after the program name; returns the exit
// status.
int run(const std::vector<std::string>& args, Context& context);

} // namespace app
