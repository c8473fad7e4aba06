#pragma once

#include "util/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace run {

// umvx run [--policy FILE] [--exempt LIST] [--allow-unmonitored-exec]
//          -- PROGRAM [ARGS...]
struct Options
{
  bool help = false;
  std::optional<std::string> policy; // as given
  // The system calls of every --exempt, in order, each a name or number
  // umvx knows.
  std::vector<std::string> exempt;
  bool allow_unmonitored_exec = false;
  std::vector<std::string> argv; // PROGRAM and its arguments
};

// Parses the arguments after "run". Errors are usage errors: a message
// without "umvx: ".
util::Result<Options, std::string> parse(const std::vector<std::string>& args);

// What umvx run --help prints.
std::string usage_text();

} // namespace run
