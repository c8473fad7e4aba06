#pragma once

#include "monitor/watch.hpp"

#include <span>

namespace monitor {

struct KeyBinding
{
  char key;
  Input input;
  const char* label; // in the function bar
  const char* help;  // one line for the help panel
};

// The keys of the monitor screen, in the order the bar and help show them.
std::span<const KeyBinding> key_bindings();

// The input of key, a character or a curses key code; tick for others.
// Letters work in either case.
Input input_for_key(int key);

} // namespace monitor
