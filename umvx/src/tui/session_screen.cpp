#include "tui/session_screen.hpp"

#include "session/screen.hpp"
#include "session/text.hpp"
#include "tui/loop.hpp"

#include <poll.h>

#include <ostream>

namespace tui {

namespace {

class SessionUi final : public session::Ui
{
public:
  SessionUi(session::View view, std::ostream& err)
    : m_screen(std::move(view)), m_err(err)
  {
  }

  void
  started() override
  {
    m_loop.open();
  }

  void
  show(const device::SessionStatus& status) override
  {
    m_screen.update(status);
    if (m_loop.is_open()) {
      m_loop.paint(m_screen);
    } else {
      m_err << "umvx: " << session::status_line(m_screen.view(), status)
            << std::endl;
    }
  }

  void
  notice(const std::string& text) override
  {
    m_screen.notice(text);
    if (!m_loop.is_open() && !text.empty()) {
      m_err << "umvx: " << text << std::endl;
    }
  }

  session::Input
  wait() override
  {
    if (!m_loop.is_open()) {
      // A stop signal cuts this short (its handler has no SA_RESTART).
      if (!m_loop.stopped()) {
        ::poll(nullptr, 0, 1000);
      }
      return m_loop.stopped() ? session::Input::quit : session::Input::tick;
    }
    if (m_loop.step(m_screen) == Reaction::quit) {
      return session::Input::quit;
    }
    return m_screen.take_input();
  }

private:
  // Created with the Ui, before the session starts: the stop signals end
  // it from then on.
  Loop m_loop;
  session::Screen m_screen;
  std::ostream& m_err;
};

} // namespace

std::unique_ptr<session::Ui>
make_session_ui(const session::View& view, std::ostream& err)
{
  if (!terminal_usable()) {
    return nullptr;
  }
  return std::make_unique<SessionUi>(view, err);
}

} // namespace tui
