#include "tui/keys.hpp"

#include <cctype>

namespace tui {

bool
key_matches(int typed, char key)
{
  if (typed < 0 || typed > 0x7f) {
    return false;
  }
  return std::tolower(typed) == key;
}

std::string
bar_item(char key, const char* label)
{
  return std::string(" ") + key + " " + label + " ";
}

std::string
help_item(char key, const char* help)
{
  return std::string("   ") + key + "  " + help;
}

} // namespace tui
