#include "session/text.hpp"

#include "session/keys.hpp"
#include "util/strings.hpp"

#include <cstdio>

namespace session {

namespace {

std::string
target(const View& view)
{
  return "pid " + std::to_string(view.pid) + " fd " + std::to_string(view.fd);
}

bool
duplicating(const View& view)
{
  return view.mode == device::SessionMode::duplicate;
}

// " attached " is the longest label with its blanks.
constexpr size_t value_column = 11;

std::string
row(const char* label, const std::string& value)
{
  std::string line = " ";
  line += label;
  line.resize(value_column, ' ');
  return line + value;
}

std::string
mode_text(const View& view)
{
  const std::string fd = "fd " + std::to_string(view.fd);
  const std::string path = util::escape_control(view.path);
  return duplicating(view)
           ? "duplicate: writes on " + fd + " also go to " + path
           : "remap: writes on " + fd + " go only to " + path;
}

std::string
state_text(const View& view, device::SessionState state)
{
  switch (state) {
  case device::SessionState::active:
    return "active";
  case device::SessionState::paused:
    return duplicating(view) ? "paused: nothing is copied"
                             : "paused: fd " + std::to_string(view.fd)
                                 + " writes to its original file again";
  case device::SessionState::ended:
    break;
  }
  return "ended";
}

std::string
function_bar(device::SessionState state, bool help)
{
  std::string bar;
  for (const auto& binding : key_bindings()) {
    const char* label = "";
    switch (binding.action) {
    case KeyAction::quit:
      label = "Quit";
      break;
    case KeyAction::toggle_pause:
      label = state == device::SessionState::paused ? "Resume" : "Pause";
      break;
    case KeyAction::toggle_help:
      label = help ? "Hide help" : "Help";
      break;
    case KeyAction::none:
      continue;
    }
    bar += std::string(" ") + binding.key + " " + label + " ";
  }
  return bar;
}

} // namespace

std::string
started_line(const View& view)
{
  return target(view)
         + (duplicating(view) ? ": duplicating to " : ": remapping to ")
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

Frame
make_frame(const View& view,
           const device::SessionStatus& status,
           const ScreenState& state)
{
  Frame frame;
  frame.title = "umvx: " + started_line(view);

  auto& lines = frame.lines;
  std::string process = std::to_string(view.pid);
  if (view.cmdline) {
    process += "  " + util::escape_control(*view.cmdline);
  }
  std::string fd = std::to_string(view.fd);
  if (view.was) {
    fd += ", was " + util::escape_control(*view.was);
  }
  lines.push_back("");
  lines.push_back(row("process", process));
  lines.push_back(row("fd", fd));
  lines.push_back(row("mode", mode_text(view)));
  lines.push_back(row("state", state_text(view, status.state)));
  lines.push_back(row("writes", std::to_string(status.writes)));
  lines.push_back(row("bytes", std::to_string(status.bytes)));
  lines.push_back(row("errors", std::to_string(status.errors)));
  lines.push_back(row("skipped", std::to_string(status.skipped)));
  lines.push_back(row("attached", format_duration(status.attached_ns)));
  if (duplicating(view)) {
    lines.push_back("");
    lines.push_back(" sendfile, splice, copy_file_range and io_uring writes"
                    " are not duplicated.");
  }
  if (!state.notice.empty()) {
    lines.push_back("");
    lines.push_back(" " + state.notice);
  }
  if (state.help) {
    lines.push_back("");
    lines.push_back(" Keys:");
    for (const auto& binding : key_bindings()) {
      lines.push_back(std::string("   ") + binding.key + "  " + binding.help);
    }
    lines.push_back("");
    lines.push_back(" Quitting any other way (Ctrl-C, kill, even kill -9 or a"
                    " crash of umvx)");
    lines.push_back(" restores the process too: the kernel restores it when"
                    " umvx's /dev/mvx");
    lines.push_back(" is closed. The session also ends when the process exits"
                    " or executes");
    lines.push_back(" a new program.");
  }

  frame.bar = function_bar(status.state, state.help);
  return frame;
}

} // namespace session
