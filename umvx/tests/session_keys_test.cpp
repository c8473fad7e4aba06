#include "session/keys.hpp"

#include <CppUTest/TestHarness.h>

using session::KeyAction;

TEST_GROUP(SessionKeys){};

TEST(SessionKeys, q_quits)
{
  CHECK_TRUE(session::action_for_key('q') == KeyAction::quit);
  CHECK_TRUE(session::action_for_key('Q') == KeyAction::quit);
}

TEST(SessionKeys, p_pauses_and_resumes)
{
  CHECK_TRUE(session::action_for_key('p') == KeyAction::toggle_pause);
  CHECK_TRUE(session::action_for_key('P') == KeyAction::toggle_pause);
}

TEST(SessionKeys, question_mark_toggles_the_help)
{
  CHECK_TRUE(session::action_for_key('?') == KeyAction::toggle_help);
}

TEST(SessionKeys, other_keys_and_timeouts_do_nothing)
{
  CHECK_TRUE(session::action_for_key('x') == KeyAction::none);
  CHECK_TRUE(session::action_for_key(' ') == KeyAction::none);
  CHECK_TRUE(session::action_for_key(-1) == KeyAction::none);
  // Curses key codes, such as KEY_RESIZE (0632), are not characters.
  CHECK_TRUE(session::action_for_key(0632) == KeyAction::none);
  CHECK_TRUE(session::action_for_key(0x100 + 'q') == KeyAction::none);
}

TEST(SessionKeys, every_binding_has_help)
{
  LONGS_EQUAL(3, session::key_bindings().size());
  for (const auto& binding : session::key_bindings()) {
    CHECK_TRUE(session::action_for_key(binding.key) == binding.action);
    CHECK_TRUE(binding.help[0] != '\0');
  }
}
