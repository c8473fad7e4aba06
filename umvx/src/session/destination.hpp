#pragma once

#include "util/fd.hpp"
#include "util/result.hpp"

#include <string>

namespace session {

// The open(2) flags for a session's destination: write-only, created if
// missing, appended to unless truncate asks to empty it first.
int destination_flags(bool truncate);

// The permissions a created destination gets, before the umask.
inline constexpr unsigned destination_mode = 0644;

// Opens path as a session's destination, with umvx's own credentials. A
// FIFO blocks here until it has a reader. On failure the error's context
// is path.
util::Result<util::Fd> open_destination(const std::string& path, bool truncate);

} // namespace session
