#pragma once

#include "device/session_info.hpp"
#include "session/session.hpp"

#include <cstdint>
#include <string>

namespace session {

// The lines umvx prints about a session, without the "umvx: " prefix and
// the newline. Paths and command lines have control characters escaped.

// "pid 1234 fd 1: remapping to /tmp/out" or "...: duplicating to ..."
std::string started_line(const View& view);

// "pid 1234 fd 1: active, 3 writes, 120 bytes, 0 errors, 0 skipped, 5 s"
// (paused instead of active when paused); whole seconds since the start.
std::string status_line(const View& view, const device::SessionStatus& status);

// "pid 1234 fd 1: restored", or "pid 1234 fd 1: session ended: the
// process exited" (or "... executed a new program").
std::string ending_line(const View& view, Ending ending);

// "42s", "3m 07s", "2h 00m 09s"
std::string format_duration(std::uint64_t ns);

} // namespace session
