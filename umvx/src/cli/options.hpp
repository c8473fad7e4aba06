#pragma once

#include "util/result.hpp"

#include <sys/types.h>

#include <string>
#include <vector>

namespace cli {

enum class Action
{
  inspect,
  help,
  version
};

struct Options
{
  Action action = Action::inspect;
  pid_t pid = 0;
  bool json = false;
};

// A command line umvx does not accept; message has no "umvx: " prefix.
struct UsageError
{
  std::string message;
};

// Parses the arguments after the program name, the way getopt_long(3)
// would: bundled short options (-ip 12), -pPID, --pid=PID, and "--" ending
// the options. --help and --version take effect where they appear, before
// anything after them is looked at.
util::Result<Options, UsageError> parse(const std::vector<std::string>& args);

// "1234" as a pid; nothing else (signs, blanks, 0, out of range) is one.
util::Result<pid_t, UsageError> parse_pid(const std::string& text);

// What --help prints.
std::string usage_text();

} // namespace cli
