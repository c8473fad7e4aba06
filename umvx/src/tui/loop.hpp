#pragma once

#include "tui/screen.hpp"
#include "tui/signals.hpp"
#include "tui/terminal.hpp"

#include <memory>

namespace tui {

// The one loop of every screen and the guard of the terminal: from its
// creation SIGINT, SIGTERM and SIGHUP end the screen; once open() has
// succeeded, it owns the terminal. Destroying it restores the terminal
// first, then the signal handlers, so whatever umvx prints afterwards
// lands on a normal terminal.
class Loop
{
public:
  Loop() = default;
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;

  // Takes over the terminal; false if curses cannot drive it.
  bool open();

  bool
  is_open() const
  {
    return m_terminal != nullptr;
  }

  // Whether a stop signal has arrived.
  bool
  stopped() const
  {
    return m_stop.requested();
  }

  // Paints screen, all of it after a resize, only what changed otherwise.
  void paint(const Screen& screen);

  // Waits up to a quarter of a second for a key and hands it to screen,
  // repainting if it asks to; a resize repaints the whole screen at its
  // new size. quit if the screen quits or a stop signal arrives.
  Reaction step(Screen& screen);

private:
  // Declared first, destroyed last: the flag must be in place before
  // curses starts, and stay until the terminal is back.
  StopFlag m_stop;
  std::unique_ptr<Terminal> m_terminal;
  bool m_resized = false;
};

} // namespace tui
