#pragma once

#include "device/session_info.hpp"
#include "run/options.hpp"
#include "util/result.hpp"

#include <sys/types.h>

#include <string>
#include <vector>

namespace cli {

enum class Action
{
  inspect,
  session, // -c or -d
  monitor, // -m
  run,     // umvx run ...
  help,
  version
};

struct Options
{
  Action action = Action::inspect;
  pid_t pid = 0;
  bool json = false;
  // For a session:
  device::SessionMode mode = device::SessionMode::remap;
  int fd = -1;
  std::string path;
  bool truncate = false;
  bool no_tui = false; // also for -m
  // For umvx run:
  run::Options run;
};

// A command line umvx does not accept; message has no "umvx: " prefix.
struct UsageError
{
  std::string message;
};

// Parses the arguments after the program name, the way getopt_long(3)
// would: bundled short options (-ip 12), -pPID, --pid=PID, and "--" ending
// the options. A first argument "run" starts umvx run, whose arguments
// run::parse() reads. --help and --version take effect where they appear,
// before anything after them is looked at.
util::Result<Options, UsageError> parse(const std::vector<std::string>& args);

// "1234" as a pid; nothing else (signs, blanks, 0, out of range) is one.
util::Result<pid_t, UsageError> parse_pid(const std::string& text);

// "3" as a descriptor number: decimal digits, 0 to INT_MAX.
util::Result<int, UsageError> parse_fd(const std::string& text);

// What --help prints.
std::string usage_text();

} // namespace cli
