#include "tui/screen.hpp"

#include "session/keys.hpp"
#include "session/signals.hpp"
#include "session/text.hpp"
#include "tui/draw.hpp"
#include "tui/terminal.hpp"

#include <poll.h>

#include <ostream>

#include <curses.h>

namespace tui {

namespace {

class Screen final : public session::Ui
{
public:
  Screen(session::View view, std::ostream& err)
    : m_view(std::move(view)), m_err(err)
  {
  }

  void
  started() override
  {
    m_terminal = Terminal::open();
  }

  void
  show(const device::SessionStatus& status) override
  {
    if (m_terminal) {
      draw(session::make_frame(m_view, status, m_state));
    } else {
      m_err << "umvx: " << session::status_line(m_view, status) << std::endl;
    }
  }

  void
  notice(const std::string& text) override
  {
    m_state.notice = text;
    if (!m_terminal && !text.empty()) {
      m_err << "umvx: " << text << std::endl;
    }
  }

  session::Input
  wait() override
  {
    if (m_stop.requested()) {
      return session::Input::quit;
    }
    if (!m_terminal) {
      // A stop signal cuts this short (its handler has no SA_RESTART).
      ::poll(nullptr, 0, 1000);
      return m_stop.requested() ? session::Input::quit : session::Input::tick;
    }

    const int key = wgetch(stdscr);
    if (m_stop.requested()) {
      return session::Input::quit;
    }
    if (key == KEY_RESIZE) {
      m_resized = true;
      return session::Input::tick;
    }
    switch (session::action_for_key(key)) {
    case session::KeyAction::quit:
      return session::Input::quit;
    case session::KeyAction::toggle_pause:
      return session::Input::toggle_pause;
    case session::KeyAction::toggle_help:
      m_state.help = !m_state.help;
      break;
    case session::KeyAction::none:
      break;
    }
    return session::Input::tick;
  }

private:
  void
  draw(const session::Frame& frame)
  {
    tui::draw(frame.title, frame.lines, frame.bar, m_resized);
    m_resized = false;
  }

  session::View m_view;
  std::ostream& m_err;
  // Before the terminal: the flag must be set up while the session starts.
  session::StopFlag m_stop;
  std::unique_ptr<Terminal> m_terminal;
  session::ScreenState m_state;
  bool m_resized = false;
};

} // namespace

std::unique_ptr<session::Ui>
make_ui(const session::View& view, std::ostream& err)
{
  if (!terminal_usable()) {
    return nullptr;
  }
  return std::make_unique<Screen>(view, err);
}

} // namespace tui
