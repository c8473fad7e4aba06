#include "session/screen.hpp"

#include "session/text.hpp"
#include "tui/keys.hpp"
#include "util/strings.hpp"

#include <utility>

namespace session {

namespace {

enum class KeyAction
{
  quit,
  toggle_pause,
  toggle_help,
};

constexpr tui::Key<KeyAction> keys[] = {
  {'q',
   KeyAction::quit,
   "Quit",
   "end the session, restore the process and quit"},
  {'p',
   KeyAction::toggle_pause,
   "Pause",
   "pause or resume the session",
   "Resume"},
  {'?', KeyAction::toggle_help, "Help", "show or hide this help", "Hide help"},
};

constexpr tui::KeyTable<KeyAction> key_table(keys,
                                             KeyAction::quit,
                                             KeyAction::toggle_help);

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
  return view.duplicating()
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
    return view.duplicating() ? "paused: nothing is copied"
                              : "paused: fd " + std::to_string(view.fd)
                                  + " writes to its original file again";
  case device::SessionState::ended:
    break;
  }
  return "ended";
}

} // namespace

Screen::Screen(View view) : m_view(std::move(view))
{
}

void
Screen::update(const device::SessionStatus& status)
{
  m_status = status;
}

void
Screen::notice(std::string text)
{
  m_notice = std::move(text);
}

tui::Frame
Screen::draw(tui::Size) const
{
  tui::Frame frame;
  frame.title = "umvx: " + started_line(m_view);

  auto& lines = frame.lines;
  std::string process = std::to_string(m_view.pid);
  if (m_view.cmdline) {
    process += "  " + util::escape_control(*m_view.cmdline);
  }
  std::string fd = std::to_string(m_view.fd);
  if (m_view.was) {
    fd += ", was " + util::escape_control(*m_view.was);
  }
  lines.push_back("");
  lines.push_back(row("process", process));
  lines.push_back(row("fd", fd));
  lines.push_back(row("mode", mode_text(m_view)));
  lines.push_back(row("state", state_text(m_view, m_status.state)));
  lines.push_back(row("writes", std::to_string(m_status.writes)));
  lines.push_back(row("bytes", std::to_string(m_status.bytes)));
  lines.push_back(row("errors", std::to_string(m_status.errors)));
  lines.push_back(row("skipped", std::to_string(m_status.skipped)));
  lines.push_back(row("attached", format_duration(m_status.attached_ns)));
  if (m_view.duplicating()) {
    lines.push_back("");
    lines.push_back(" sendfile, splice, copy_file_range and io_uring writes"
                    " are not duplicated.");
  }
  if (!m_notice.empty()) {
    lines.push_back("");
    lines.push_back(" " + m_notice);
  }
  if (m_help) {
    const auto help = key_table.help({
      " Quitting any other way (Ctrl-C, kill, even kill -9 or a crash of"
      " umvx)",
      " restores the process too: the kernel restores it when umvx's"
      " /dev/mvx",
      " is closed. The session also ends when the process exits or"
      " executes",
      " a new program.",
    });
    lines.insert(lines.end(), help.begin(), help.end());
  }

  frame.bar = key_table.bar(m_help, [this](KeyAction) {
    return m_status.state == device::SessionState::paused;
  });
  return frame;
}

tui::Reaction
Screen::handle_key(int key)
{
  return key_table.handle(key, m_help, [this](KeyAction) {
    // The only action of its own, pause or resume, is the session's; its
    // next status shows the outcome.
    m_input = Input::toggle_pause;
    return tui::Reaction::handled;
  });
}

Input
Screen::take_input()
{
  return std::exchange(m_input, Input::tick);
}

} // namespace session
