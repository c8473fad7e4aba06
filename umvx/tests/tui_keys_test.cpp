#include "tui/keys.hpp"

#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

namespace {

enum class Action
{
  quit,
  toggle_pause,
  toggle_help,
};

constexpr tui::Key<Action> keys[] = {
  {'q', Action::quit, "Quit", "quit"},
  {'p', Action::toggle_pause, "Pause", "pause or resume", "Resume"},
  {'?', Action::toggle_help, "Help", "show or hide this help", "Hide help"},
};

constexpr tui::KeyTable<Action> table(keys, Action::quit, Action::toggle_help);

} // namespace

TEST_GROUP(TuiKeys){};

TEST(TuiKeys, finds_the_action_of_a_key_in_either_case)
{
  CHECK_TRUE(table.action_for('q') == Action::quit);
  CHECK_TRUE(table.action_for('Q') == Action::quit);
  CHECK_TRUE(table.action_for('p') == Action::toggle_pause);
  CHECK_TRUE(table.action_for('P') == Action::toggle_pause);
  CHECK_TRUE(table.action_for('?') == Action::toggle_help);
}

TEST(TuiKeys, has_no_action_for_other_keys_timeouts_and_curses_codes)
{
  CHECK_FALSE(table.action_for('x'));
  CHECK_FALSE(table.action_for(' '));
  // ERR, the timeout of a read.
  CHECK_FALSE(table.action_for(-1));
  // Curses key codes, such as KEY_RESIZE (0632), are not characters.
  CHECK_FALSE(table.action_for(0632));
  CHECK_FALSE(table.action_for(0x100 + 'q'));
}

TEST(TuiKeys, builds_the_function_bar_from_the_table_in_its_order)
{
  STRCMP_EQUAL(" q Quit  p Pause  ? Help ", table.bar(false).c_str());
}

TEST(TuiKeys, shows_the_on_label_of_a_toggle_that_is_on)
{
  STRCMP_EQUAL(" q Quit  p Resume  ? Help ",
               table.bar(false, [](Action) { return true; }).c_str());
  STRCMP_EQUAL(" q Quit  p Pause  ? Hide help ", table.bar(true).c_str());
}

TEST(TuiKeys, asks_only_about_the_screens_own_toggles)
{
  std::vector<Action> asked;
  table.bar(false, [&](Action action) {
    asked.push_back(action);
    return false;
  });
  LONGS_EQUAL(1, asked.size());
  CHECK_TRUE(asked[0] == Action::toggle_pause);
}

TEST(TuiKeys, renders_the_help_as_the_keys_then_the_screens_own_lines)
{
  const std::vector<std::string> expected = {
    "",
    " Keys:",
    "   q  quit",
    "   p  pause or resume",
    "   ?  show or hide this help",
    "",
    " More about",
    " this screen.",
  };
  const auto help = table.help({" More about", " this screen."});
  LONGS_EQUAL(expected.size(), help.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    STRCMP_EQUAL(expected[i].c_str(), help[i].c_str());
  }
}

TEST(TuiKeys, lists_every_key_once)
{
  LONGS_EQUAL(3, table.keys().size());
  for (const auto& key : table.keys()) {
    CHECK_TRUE(table.action_for(key.key) == key.action);
  }
}

TEST(TuiKeys, quits_toggles_the_help_and_passes_the_rest_on)
{
  bool help = false;
  std::vector<Action> passed;
  const auto act = [&](Action action) {
    passed.push_back(action);
    return tui::Reaction::handled;
  };
  CHECK_TRUE(table.handle('Q', help, act) == tui::Reaction::quit);
  CHECK_TRUE(table.handle('?', help, act) == tui::Reaction::redraw);
  CHECK_TRUE(help);
  CHECK_TRUE(table.handle('?', help, act) == tui::Reaction::redraw);
  CHECK_FALSE(help);
  CHECK_TRUE(passed.empty());
  CHECK_TRUE(table.handle('p', help, act) == tui::Reaction::handled);
  LONGS_EQUAL(1, passed.size());
  CHECK_TRUE(passed[0] == Action::toggle_pause);
}

TEST(TuiKeys, takes_keys_without_an_action_and_changes_nothing)
{
  bool help = false;
  bool acted = false;
  const auto act = [&](Action) {
    acted = true;
    return tui::Reaction::redraw;
  };
  CHECK_TRUE(table.handle('x', help, act) == tui::Reaction::handled);
  CHECK_TRUE(table.handle(-1, help, act) == tui::Reaction::handled);
  CHECK_FALSE(help);
  CHECK_FALSE(acted);
}
