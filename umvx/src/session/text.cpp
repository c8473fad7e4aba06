#include "session/text.hpp"

#include "util/strings.hpp"

#include <cstdio>

namespace session {

namespace {

std::string
target(const View& view)
{
  return "pid " + std::to_string(view.pid) + " fd " + std::to_string(view.fd);
}

} // namespace

std::string
started_line(const View& view)
{
  return target(view)
         + (view.duplicating() ? ": duplicating to " : ": remapping to ")
         + util::escape_control(view.path);
}

std::string
status_line(const View& view, const device::SessionStatus& status)
{
  const char* state
    = status.state == device::SessionState::paused ? "paused" : "active";
  return target(view) + ": " + state + ", " + std::to_string(status.writes)
         + " writes, " + std::to_string(status.bytes) + " bytes, "
         + std::to_string(status.errors) + " errors, "
         + std::to_string(status.skipped) + " skipped, "
         + std::to_string(status.attached_ns / 1000000000) + " s";
}

std::string
ending_line(const View& view, Ending ending)
{
  switch (ending) {
  case Ending::restored:
    return target(view) + ": restored";
  case Ending::exited:
    return target(view) + ": session ended: the process exited";
  case Ending::execed:
    return target(view) + ": session ended: the process executed a new program";
  case Ending::unloaded:
    return target(view)
           + ": session ended: the kmvx module was unloaded (restored)";
  case Ending::ended:
    break;
  }
  return target(view) + ": session ended";
}

std::string
format_duration(std::uint64_t ns)
{
  const std::uint64_t total = ns / 1000000000;
  const auto hours = total / 3600;
  const auto minutes = total / 60 % 60;
  const auto seconds = total % 60;
  char buf[64];
  if (hours > 0) {
    std::snprintf(buf,
                  sizeof(buf),
                  "%lluh %02llum %02llus",
                  static_cast<unsigned long long>(hours),
                  static_cast<unsigned long long>(minutes),
                  static_cast<unsigned long long>(seconds));
  } else if (minutes > 0) {
    std::snprintf(buf,
                  sizeof(buf),
                  "%llum %02llus",
                  static_cast<unsigned long long>(minutes),
                  static_cast<unsigned long long>(seconds));
  } else {
    std::snprintf(
      buf, sizeof(buf), "%llus", static_cast<unsigned long long>(seconds));
  }
  return buf;
}

} // namespace session
