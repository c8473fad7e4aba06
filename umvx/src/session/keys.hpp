#pragma once

#include <span>

namespace session {

// What a key asks of an interactive session.
enum class KeyAction
{
  none,
  quit,         // end the session and exit
  toggle_pause, // pause an active session, resume a paused one
  toggle_help,  // show or hide the help panel
};

struct KeyBinding
{
  char key;
  KeyAction action;
  const char* help; // one line for the help panel
};

// The keys of the session screen, in the order the help shows them.
std::span<const KeyBinding> key_bindings();

// The action of key, a character or a curses key code; none for keys
// without one (and for curses' ERR, a timeout). Letters work in either
// case.
KeyAction action_for_key(int key);

} // namespace session
