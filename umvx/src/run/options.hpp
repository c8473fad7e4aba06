#pragma once

#include "util/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace run {

// umvx run [--policy FILE] [--exempt LIST] [--allow-unmonitored-exec]
//          [-n N | --variant FILE...] [--report FILE] -- PROGRAM [ARGS...]
struct Options
{
  bool help = false;
  std::optional<std::string> policy; // as given
  // The system calls of every --exempt, in order, each a name or number
  // umvx knows.
  std::vector<std::string> exempt;
  bool allow_unmonitored_exec = false;
  // A group: the number of variants, 1 to device::group_max, from -n or
  // the count of --variant; 0 runs PROGRAM alone, without a group.
  std::uint32_t variants = 0;
  // The file each variant executes, as given with --variant, leader
  // first; empty: every variant executes PROGRAM. With --variant, PROGRAM
  // is only argv[0] of every variant.
  std::vector<std::string> variant_files;
  std::optional<std::string> report; // --report FILE, as given
  std::vector<std::string> argv;     // PROGRAM and its arguments

  bool
  group() const
  {
    return variants > 0;
  }
};

// Parses the arguments after "run". Errors are usage errors: a message
// without "umvx: ".
util::Result<Options, std::string> parse(const std::vector<std::string>& args);

// What umvx run --help prints.
std::string usage_text();

} // namespace run
