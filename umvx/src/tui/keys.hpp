#pragma once

#include "tui/screen.hpp"

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tui {

// One key of a screen. The table of them is the only place a screen's
// keys are listed: lookup, function bar and help all read it.
template<typename Action>
struct Key
{
  char key; // a letter works in either case
  Action action;
  const char* label; // in the function bar
  const char* help;  // its line in the help
  // In the bar instead of label while the action's toggle is on; none for
  // an action that is no toggle.
  const char* on_label = nullptr;
};

// Whether typed, a character or a curses key code, is key. Curses codes
// (KEY_RESIZE, KEY_UP, ...) lie above the byte range and ERR is -1, so
// neither is ever a key of a table.
bool key_matches(int typed, char key);

// " q Quit " for the function bar.
std::string bar_item(char key, const char* label);

// "   q  quit; the process keeps running" for the help.
std::string help_item(char key, const char* help);

// A screen's keys. Two of its actions are every screen's: quit, and
// help, which shows or hides the help panel.
template<typename Action>
class KeyTable
{
public:
  template<std::size_t N>
  constexpr KeyTable(const Key<Action> (&keys)[N], Action quit, Action help)
    : m_keys(keys), m_quit(quit), m_help(help)
  {
  }

  // The action of typed; nothing for other keys and for a timeout.
  std::optional<Action>
  action_for(int typed) const
  {
    for (const auto& key : m_keys) {
      if (key_matches(typed, key.key)) {
        return key.action;
      }
    }
    return std::nullopt;
  }

  // What typed does to a screen whose help panel is shown if help: quit
  // quits, help toggles it (redraw), the screen's own actions go to act,
  // which returns the reaction, and any other key is taken and ignored.
  template<typename Act>
  Reaction
  handle(int typed, bool& help, Act act) const
  {
    const auto action = action_for(typed);
    if (!action) {
      return Reaction::handled;
    }
    if (*action == m_quit) {
      return Reaction::quit;
    }
    if (*action == m_help) {
      help = !help;
      return Reaction::redraw;
    }
    return act(*action);
  }

  // The function bar, the keys in table order, for a screen whose help
  // panel is shown if help; on(action) tells whether one of the screen's
  // own toggles is on.
  template<typename On>
  std::string
  bar(bool help, On on) const
  {
    std::string bar;
    for (const auto& key : m_keys) {
      const bool is_on = key.on_label != nullptr
                         && (key.action == m_help ? help : on(key.action));
      bar += bar_item(key.key, is_on ? key.on_label : key.label);
    }
    return bar;
  }

  std::string
  bar(bool help) const
  {
    return bar(help, [](Action) { return false; });
  }

  // The help panel: a blank line, " Keys:", a line per key, a blank line,
  // then about, the screen's own lines.
  std::vector<std::string>
  help(std::initializer_list<const char*> about) const
  {
    std::vector<std::string> lines{"", " Keys:"};
    for (const auto& key : m_keys) {
      lines.push_back(help_item(key.key, key.help));
    }
    lines.emplace_back("");
    lines.insert(lines.end(), about.begin(), about.end());
    return lines;
  }

  std::span<const Key<Action>>
  keys() const
  {
    return m_keys;
  }

private:
  std::span<const Key<Action>> m_keys;
  Action m_quit;
  Action m_help;
};

} // namespace tui
