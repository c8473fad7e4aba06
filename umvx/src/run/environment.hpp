#pragma once

#include "run/options.hpp"
#include "util/result.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace run {

// Where libmvx.so may be, in the order umvx run looks.
struct LibmvxPlaces
{
  std::optional<std::string> env; // $MVX_LIBMVX, if set and not empty
  std::string beside;             // <dir of umvx>/../lib/mvx/libmvx.so
  std::string installed;          // the LIBDIR umvx was built for
};

// <dir of self_exe>/../lib/mvx/libmvx.so
std::string beside_umvx(const std::string& self_exe);

// Checks that a file exists: 0 or an errno value.
using FileCheck = std::function<int(const std::string&)>;

// The first place that names an existing file; $MVX_LIBMVX, if set, is the
// only place looked at. The error is a message without "umvx: ".
util::Result<std::string, std::string> find_libmvx(const LibmvxPlaces& places,
                                                   const FileCheck& check);

// path made absolute against cwd (a policy file, for libmvx, which may run
// in another directory by the time it reads it).
std::string absolute_path(const std::string& path, const std::string& cwd);

// The environment of PROGRAM: environ ("NAME=value" entries) with
// LD_PRELOAD set to libmvx first and any preload already there after it
// (libmvx not repeated), MVX_POLICY (absolute) only if a policy was given,
// MVX_EXEMPT the --exempt list joined by commas, if any, and
// MVX_ALLOW_UNMONITORED_EXEC=1 only with --allow-unmonitored-exec;
// inherited values of the MVX_ variables are dropped, so that only the
// options count.
std::vector<std::string> make_environment(
  const std::vector<std::string>& environ,
  const std::string& libmvx,
  const Options& options,
  const std::optional<std::string>& absolute_policy);

} // namespace run
