#pragma once

#include <string>
#include <vector>

namespace tui {

// Paints a screen: title in bold on the first line, lines below it, and
// bar in reverse video on the last line. After a resize the whole screen
// is repainted, not only what changed.
void draw(const std::string& title,
          const std::vector<std::string>& lines,
          const std::string& bar,
          bool resized);

} // namespace tui
