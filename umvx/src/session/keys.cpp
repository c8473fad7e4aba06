#include "session/keys.hpp"

#include <cctype>

namespace session {

namespace {

constexpr KeyBinding bindings[] = {
  {'q', KeyAction::quit, "end the session, restore the process and quit"},
  {'p', KeyAction::toggle_pause, "pause or resume the session"},
  {'?', KeyAction::toggle_help, "show or hide this help"},
};

} // namespace

std::span<const KeyBinding>
key_bindings()
{
  return bindings;
}

KeyAction
action_for_key(int key)
{
  // Curses key codes (KEY_RESIZE, KEY_UP, ...) lie above the byte range.
  if (key < 0 || key > 0x7f) {
    return KeyAction::none;
  }
  const int lower = std::tolower(key);
  for (const auto& binding : key_bindings()) {
    if (binding.key == lower) {
      return binding.action;
    }
  }
  return KeyAction::none;
}

} // namespace session
