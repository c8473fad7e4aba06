#pragma once

#include "run/launch.hpp"
#include "run/options.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace run {

// What umvx run starts, checked: child i executes files[i] (names[i] as
// the operator gave it), every child with argv and env. One child without
// a group; one per variant, leader first, with one.
struct Launch
{
  std::vector<std::string> files;
  std::vector<std::string> names;
  std::vector<std::string> argv;
  std::vector<std::string> env;
};

// Runs a group of options.variants variants: creates --report FILE, opens
// the mvx device and makes the group, forks the variants, each of which
// joins the group and executes its file, passes SIGINT, SIGTERM, SIGHUP
// and SIGQUIT on to them, and waits for all. The device stays open until
// then: closing it would stop the group. Then it asks the device how the
// group ended, reports a divergence on err (run/divergence.hpp), writes
// the report, and returns exit_diverged after a divergence, or the
// leader's exit status.
int execute_group(const Options& options,
                  Launch& launch,
                  const Surroundings& surroundings,
                  std::ostream& err);

} // namespace run
