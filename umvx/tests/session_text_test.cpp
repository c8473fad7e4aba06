#include "session/text.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using device::SessionMode;
using device::SessionState;

namespace {

bool
has_line(const session::Frame& frame, const std::string& line)
{
  return std::find(frame.lines.begin(), frame.lines.end(), line)
         != frame.lines.end();
}

bool
mentions(const session::Frame& frame, const std::string& text)
{
  return std::any_of(
    frame.lines.begin(), frame.lines.end(), [&](const std::string& line) {
      return line.find(text) != std::string::npos;
    });
}

} // namespace

TEST_GROUP(SessionText)
{
  session::View view;
  device::SessionStatus status;
  session::ScreenState state;

  void setup() override
  {
    view.pid = 1234;
    view.fd = 1;
    view.mode = SessionMode::remap;
    view.path = "/tmp/out.log";
    view.cmdline = "fakeproc --log /tmp/x";
    view.was = "/dev/pts/0";
    status.writes = 12;
    status.bytes = 3456;
    status.errors = 1;
    status.skipped = 2;
    status.attached_ns = 65000000000;
  }

  session::Frame frame()
  {
    return session::make_frame(view, status, state);
  }
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

TEST(SessionText, titles_the_screen_with_the_started_line)
{
  STRCMP_EQUAL("umvx: pid 1234 fd 1: remapping to /tmp/out.log",
               frame().title.c_str());
}

TEST(SessionText, shows_the_target_its_descriptor_and_the_counters)
{
  const auto f = frame();
  CHECK_TRUE(has_line(f, " process   1234  fakeproc --log /tmp/x"));
  CHECK_TRUE(has_line(f, " fd        1, was /dev/pts/0"));
  CHECK_TRUE(
    has_line(f, " mode      remap: writes on fd 1 go only to /tmp/out.log"));
  CHECK_TRUE(has_line(f, " state     active"));
  CHECK_TRUE(has_line(f, " writes    12"));
  CHECK_TRUE(has_line(f, " bytes     3456"));
  CHECK_TRUE(has_line(f, " errors    1"));
  CHECK_TRUE(has_line(f, " skipped   2"));
  CHECK_TRUE(has_line(f, " attached  1m 05s"));
}

TEST(SessionText, leaves_out_what_is_unknown)
{
  view.cmdline.reset();
  view.was.reset();
  const auto f = frame();
  CHECK_TRUE(has_line(f, " process   1234"));
  CHECK_TRUE(has_line(f, " fd        1"));
}

TEST(SessionText, says_what_a_duplicate_does_not_copy)
{
  CHECK_FALSE(mentions(frame(), "not duplicated"));
  view.mode = SessionMode::duplicate;
  const auto f = frame();
  CHECK_TRUE(has_line(
    f, " mode      duplicate: writes on fd 1 also go to /tmp/out.log"));
  CHECK_TRUE(has_line(f,
                      " sendfile, splice, copy_file_range and io_uring"
                      " writes are not duplicated."));
}

TEST(SessionText, explains_a_paused_session)
{
  status.state = SessionState::paused;
  CHECK_TRUE(has_line(
    frame(), " state     paused: fd 1 writes to its original file again"));
  view.mode = SessionMode::duplicate;
  CHECK_TRUE(has_line(frame(), " state     paused: nothing is copied"));
}

TEST(SessionText, offers_pause_or_resume_in_the_function_bar)
{
  STRCMP_EQUAL(" q Quit  p Pause  ? Help ", frame().bar.c_str());
  status.state = SessionState::paused;
  state.help = true;
  STRCMP_EQUAL(" q Quit  p Resume  ? Hide help ", frame().bar.c_str());
}

TEST(SessionText, shows_the_help_panel_only_when_asked)
{
  CHECK_FALSE(mentions(frame(), "Keys:"));
  state.help = true;
  const auto f = frame();
  CHECK_TRUE(has_line(f, " Keys:"));
  CHECK_TRUE(
    has_line(f, "   q  end the session, restore the process and quit"));
  CHECK_TRUE(has_line(f, "   p  pause or resume the session"));
  CHECK_TRUE(has_line(f, "   ?  show or hide this help"));
  CHECK_TRUE(mentions(f, "kill -9"));
}

TEST(SessionText, shows_a_notice)
{
  CHECK_FALSE(mentions(frame(), "did not respond"));
  state.notice = "pid 1234: the process did not respond (is it stopped?)";
  CHECK_TRUE(has_line(
    frame(), " pid 1234: the process did not respond (is it stopped?)"));
}
