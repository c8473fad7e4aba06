#pragma once

#include <string>
#include <vector>

namespace tui {

// What a screen shows: the title in bold on the first line, the body below
// it, and the function bar in reverse video on the last line.
struct Frame
{
  std::string title;
  std::vector<std::string> lines;
  std::string bar;
};

// The terminal, in character cells.
struct Size
{
  int rows = 24;
  int cols = 80;
};

// What a key did to a screen.
enum class Reaction
{
  handled, // taken (or of no use to the screen): nothing to repaint
  redraw,  // the screen changed: repaint it now
  quit,    // leave the screen
};

// One screen of umvx. It draws itself from what it holds, for any size,
// and reacts to keys; the loop (tui/loop.hpp) owns the terminal, reads the
// keys, repaints after a resize and ends on a stop signal. No curses here:
// screens are tested without a terminal.
class Screen
{
public:
  virtual ~Screen() = default;

  virtual Frame draw(Size size) const = 0;

  // key is a character or a curses key code.
  virtual Reaction handle_key(int key) = 0;
};

} // namespace tui
