#pragma once

#include <memory>

// curses' SCREEN, kept out of this header.
struct screen;

namespace tui {

// Whether standard input and output are a terminal that curses knows
// (TERM names a terminfo entry), checked without touching the screen.
bool terminal_usable();

// The terminal in curses mode for this object's lifetime: keys unbuffered
// and unechoed, keypad codes on, cursor hidden, reads waiting at most a
// quarter of a second. Until it is destroyed, a fatal signal (SIGSEGV,
// SIGABRT, SIGBUS, SIGFPE) first puts the terminal back the way it was,
// then kills umvx as it would have. At most one exists at a time.
class Terminal
{
public:
  // Nothing if curses cannot drive the terminal.
  static std::unique_ptr<Terminal> open();

  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;
  ~Terminal();

private:
  explicit Terminal(::screen* screen);

  ::screen* m_screen;
};

} // namespace tui
