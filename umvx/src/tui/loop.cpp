#include "tui/loop.hpp"

#include <curses.h>

namespace tui {

bool
Loop::open()
{
  m_terminal = Terminal::open();
  return is_open();
}

void
Loop::paint(const Screen& screen)
{
  const int rows = LINES;
  const int cols = COLS;
  const Frame frame = screen.draw({rows, cols});
  // After a resize the terminal's contents are unknown: repaint it all.
  if (m_resized) {
    clear();
    m_resized = false;
  } else {
    erase();
  }

  attron(A_BOLD);
  mvaddnstr(0, 0, frame.title.c_str(), cols);
  attroff(A_BOLD);
  int row = 1;
  for (const auto& line : frame.lines) {
    if (row >= rows - 1) {
      break;
    }
    mvaddnstr(row++, 0, line.c_str(), cols);
  }
  if (rows > 1) {
    std::string bar = frame.bar;
    if (bar.size() < static_cast<size_t>(cols)) {
      bar.resize(static_cast<size_t>(cols), ' ');
    }
    attron(A_REVERSE);
    // Writing the bottom right cell fails in curses but shows it.
    mvaddnstr(rows - 1, 0, bar.c_str(), cols);
    attroff(A_REVERSE);
  }
  refresh();
}

Reaction
Loop::step(Screen& screen)
{
  if (stopped()) {
    return Reaction::quit;
  }
  // A stop signal cuts the wait short: its handler has no SA_RESTART.
  const int key = wgetch(stdscr);
  if (stopped()) {
    return Reaction::quit;
  }
  if (key == ERR) {
    return Reaction::handled;
  }
  if (key == KEY_RESIZE) {
    m_resized = true;
    paint(screen);
    return Reaction::redraw;
  }
  const Reaction reaction = screen.handle_key(key);
  if (reaction == Reaction::redraw) {
    paint(screen);
  }
  return reaction;
}

} // namespace tui
