#include "tui/draw.hpp"

#include <curses.h>

namespace tui {

void
draw(const std::string& title,
     const std::vector<std::string>& lines,
     const std::string& bar_text,
     bool resized)
{
  if (resized) {
    clear();
  } else {
    erase();
  }
  const int rows = LINES;
  const int cols = COLS;

  attron(A_BOLD);
  mvaddnstr(0, 0, title.c_str(), cols);
  attroff(A_BOLD);
  int row = 1;
  for (const auto& line : lines) {
    if (row >= rows - 1) {
      break;
    }
    mvaddnstr(row++, 0, line.c_str(), cols);
  }
  if (rows > 1) {
    std::string bar = bar_text;
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

} // namespace tui
