#pragma once

#include "device/session_info.hpp"
#include "session/session.hpp"
#include "session/ui.hpp"
#include "tui/screen.hpp"

#include <string>

namespace session {

// The session screen of umvx -p PID -c/-d FD PATH: the target, the
// session's state and counters, the last notice, and on request the help.
// The loop that shows it is tui's; what the operator asks of the session
// itself (pause, resume) waits in take_input() for session::run().
class Screen final : public tui::Screen
{
public:
  explicit Screen(View view);

  const View&
  view() const
  {
    return m_view;
  }

  // The session's current status.
  void update(const device::SessionStatus& status);

  // Shown until the next notice; an empty text takes it away.
  void notice(std::string text);

  tui::Frame draw(tui::Size size) const override;

  // q quits, p asks for a pause or a resume, ? shows or hides the help.
  tui::Reaction handle_key(int key) override;

  // What a key asked of the session since the last call: toggle_pause,
  // or tick for nothing.
  Input take_input();

private:
  View m_view;
  device::SessionStatus m_status;
  std::string m_notice;
  bool m_help = false;
  Input m_input = Input::tick;
};

} // namespace session
