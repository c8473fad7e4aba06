#include "tui/monitor_screen.hpp"

#include "monitor/keys.hpp"
#include "monitor/text.hpp"
#include "session/signals.hpp"
#include "tui/draw.hpp"
#include "tui/terminal.hpp"

#include <curses.h>

namespace tui {

namespace {

class MonitorScreen final : public monitor::Ui
{
public:
  MonitorScreen() : m_terminal(Terminal::open())
  {
  }

  bool
  usable() const
  {
    return m_terminal != nullptr;
  }

  std::uint64_t
  first_wanted(const monitor::Head& head) override
  {
    // As many as the screen could show.
    return head.oldest();
  }

  void
  show(const monitor::View& view) override
  {
    const auto frame = monitor::make_frame(view, m_state, LINES);
    draw(frame.title, frame.lines, frame.bar, m_resized);
    m_resized = false;
  }

  monitor::Input
  wait() override
  {
    if (m_stop.requested()) {
      return monitor::Input::quit;
    }
    const int key = wgetch(stdscr);
    if (m_stop.requested()) {
      return monitor::Input::quit;
    }
    if (key == KEY_RESIZE) {
      m_resized = true;
      return monitor::Input::tick;
    }
    const auto input = monitor::input_for_key(key);
    switch (input) {
    case monitor::Input::sort_calls:
      m_state.sort = monitor::SortKey::calls;
      break;
    case monitor::Input::sort_time:
      m_state.sort = monitor::SortKey::time;
      break;
    case monitor::Input::toggle_help:
      m_state.help = !m_state.help;
      break;
    case monitor::Input::quit:
    case monitor::Input::tick:
      break;
    }
    return input;
  }

private:
  // Before the terminal, so that curses leaves the stop signals alone, and
  // restored after it.
  session::StopFlag m_stop;
  std::unique_ptr<Terminal> m_terminal;
  monitor::ScreenState m_state;
  bool m_resized = false;
};

} // namespace

std::unique_ptr<monitor::Ui>
make_monitor_ui()
{
  if (!terminal_usable()) {
    return nullptr;
  }
  auto screen = std::make_unique<MonitorScreen>();
  if (!screen->usable()) {
    return nullptr;
  }
  return screen;
}

} // namespace tui
