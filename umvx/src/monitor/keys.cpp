#include "monitor/keys.hpp"

#include <cctype>

namespace monitor {

namespace {

constexpr KeyBinding bindings[] = {
  {'q', Input::quit, "Quit", "quit; the process keeps running"},
  {'c', Input::sort_calls, "By calls", "sort the table by number of calls"},
  {'t', Input::sort_time, "By time", "sort the table by total time"},
  {'?', Input::toggle_help, "Help", "show or hide this help"},
};

} // namespace

std::span<const KeyBinding>
key_bindings()
{
  return bindings;
}

Input
input_for_key(int key)
{
  if (key < 0 || key > 0x7f) {
    return Input::tick;
  }
  const int lower = std::tolower(key);
  for (const auto& binding : key_bindings()) {
    if (binding.key == lower) {
      return binding.input;
    }
  }
  return Input::tick;
}

} // namespace monitor
