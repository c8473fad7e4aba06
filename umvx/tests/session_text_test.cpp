#include "session/text.hpp"

#include "session_sample.hpp"

#include <string>

#include <CppUTest/TestHarness.h>

using device::SessionMode;
using device::SessionState;

TEST_GROUP(SessionText)
{
  session::View view = test::sample_session_view();
  device::SessionStatus status = test::sample_session_status();
};

TEST(SessionText, says_what_started)
{
  STRCMP_EQUAL("pid 1234 fd 1: remapping to /tmp/out.log",
               session::started_line(view).c_str());
  view.mode = SessionMode::duplicate;
  STRCMP_EQUAL("pid 1234 fd 1: duplicating to /tmp/out.log",
               session::started_line(view).c_str());
}

TEST(SessionText, escapes_control_characters_in_the_path)
{
  view.path = "/tmp/a\nb";
  STRCMP_EQUAL("pid 1234 fd 1: remapping to /tmp/a\\nb",
               session::started_line(view).c_str());
}

TEST(SessionText, puts_the_counters_in_the_status_line)
{
  STRCMP_EQUAL("pid 1234 fd 1: active, 12 writes, 3456 bytes, 1 errors,"
               " 2 skipped, 65 s",
               session::status_line(view, status).c_str());
}

TEST(SessionText, says_paused_in_the_status_line)
{
  status.state = SessionState::paused;
  status.attached_ns = 999999999;
  STRCMP_EQUAL("pid 1234 fd 1: paused, 12 writes, 3456 bytes, 1 errors,"
               " 2 skipped, 0 s",
               session::status_line(view, status).c_str());
}

TEST(SessionText, words_each_ending)
{
  STRCMP_EQUAL("pid 1234 fd 1: restored",
               session::ending_line(view, session::Ending::restored).c_str());
  STRCMP_EQUAL("pid 1234 fd 1: session ended: the process exited",
               session::ending_line(view, session::Ending::exited).c_str());
  STRCMP_EQUAL(
    "pid 1234 fd 1: session ended: the process executed a new program",
    session::ending_line(view, session::Ending::execed).c_str());
  STRCMP_EQUAL(
    "pid 1234 fd 1: session ended: the kmvx module was unloaded (restored)",
    session::ending_line(view, session::Ending::unloaded).c_str());
  STRCMP_EQUAL("pid 1234 fd 1: session ended",
               session::ending_line(view, session::Ending::ended).c_str());
}

TEST(SessionText, formats_durations_in_seconds_minutes_and_hours)
{
  STRCMP_EQUAL("0s", session::format_duration(0).c_str());
  STRCMP_EQUAL("59s", session::format_duration(59999999999).c_str());
  STRCMP_EQUAL("1m 05s", session::format_duration(65000000000).c_str());
  STRCMP_EQUAL("2h 00m 09s", session::format_duration(7209000000000).c_str());
}
