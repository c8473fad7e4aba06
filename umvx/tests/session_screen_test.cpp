#include "session/screen.hpp"

#include "session_sample.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using device::SessionMode;
using device::SessionState;
using session::Input;
using tui::Reaction;

namespace {

bool
has_line(const tui::Frame& frame, const std::string& line)
{
  return std::find(frame.lines.begin(), frame.lines.end(), line)
         != frame.lines.end();
}

bool
mentions(const tui::Frame& frame, const std::string& text)
{
  return std::any_of(
    frame.lines.begin(), frame.lines.end(), [&](const std::string& line) {
      return line.find(text) != std::string::npos;
    });
}

} // namespace

TEST_GROUP(SessionScreen)
{
  session::View view = test::sample_session_view();
  device::SessionStatus status = test::sample_session_status();
  // What the operator did on the screen of frame().
  bool help = false;
  std::string notice;

  // The screen of view and status, after the help key if help and with
  // notice.
  tui::Frame frame()
  {
    session::Screen screen(view);
    screen.update(status);
    screen.notice(notice);
    if (help) {
      CHECK_TRUE(screen.handle_key('?') == Reaction::redraw);
    }
    return screen.draw({24, 80});
  }
};

TEST(SessionScreen, titles_the_screen_with_the_started_line)
{
  STRCMP_EQUAL("umvx: pid 1234 fd 1: remapping to /tmp/out.log",
               frame().title.c_str());
}

TEST(SessionScreen, shows_the_target_its_descriptor_and_the_counters)
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

TEST(SessionScreen, leaves_out_what_is_unknown)
{
  view.cmdline.reset();
  view.was.reset();
  const auto f = frame();
  CHECK_TRUE(has_line(f, " process   1234"));
  CHECK_TRUE(has_line(f, " fd        1"));
}

TEST(SessionScreen, says_what_a_duplicate_does_not_copy)
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

TEST(SessionScreen, explains_a_paused_session)
{
  status.state = SessionState::paused;
  CHECK_TRUE(has_line(
    frame(), " state     paused: fd 1 writes to its original file again"));
  view.mode = SessionMode::duplicate;
  CHECK_TRUE(has_line(frame(), " state     paused: nothing is copied"));
}

TEST(SessionScreen, offers_pause_or_resume_in_the_function_bar)
{
  STRCMP_EQUAL(" q Quit  p Pause  ? Help ", frame().bar.c_str());
  status.state = SessionState::paused;
  help = true;
  STRCMP_EQUAL(" q Quit  p Resume  ? Hide help ", frame().bar.c_str());
}

TEST(SessionScreen, shows_the_help_panel_only_when_asked)
{
  CHECK_FALSE(mentions(frame(), "Keys:"));
  help = true;
  const auto f = frame();
  CHECK_TRUE(has_line(f, " Keys:"));
  CHECK_TRUE(
    has_line(f, "   q  end the session, restore the process and quit"));
  CHECK_TRUE(has_line(f, "   p  pause or resume the session"));
  CHECK_TRUE(has_line(f, "   ?  show or hide this help"));
  CHECK_TRUE(mentions(f, "kill -9"));
}

TEST(SessionScreen, shows_a_notice)
{
  CHECK_FALSE(mentions(frame(), "did not respond"));
  notice = "pid 1234: the process did not respond (is it stopped?)";
  CHECK_TRUE(has_line(
    frame(), " pid 1234: the process did not respond (is it stopped?)"));
}

TEST(SessionScreen, quits_on_q_in_either_case)
{
  session::Screen screen(view);
  CHECK_TRUE(screen.handle_key('q') == Reaction::quit);
  CHECK_TRUE(screen.handle_key('Q') == Reaction::quit);
}

TEST(SessionScreen, passes_p_on_to_the_session_as_a_pause_or_resume)
{
  session::Screen screen(view);
  CHECK_TRUE(screen.take_input() == Input::tick);
  CHECK_TRUE(screen.handle_key('p') == Reaction::handled);
  CHECK_TRUE(screen.take_input() == Input::toggle_pause);
  CHECK_TRUE(screen.take_input() == Input::tick);
  CHECK_TRUE(screen.handle_key('P') == Reaction::handled);
  CHECK_TRUE(screen.take_input() == Input::toggle_pause);
}

TEST(SessionScreen, shows_and_hides_the_help_with_the_question_mark)
{
  session::Screen screen(view);
  screen.update(status);
  CHECK_TRUE(screen.handle_key('?') == Reaction::redraw);
  CHECK_TRUE(mentions(screen.draw({24, 80}), "Keys:"));
  CHECK_TRUE(screen.handle_key('?') == Reaction::redraw);
  CHECK_FALSE(mentions(screen.draw({24, 80}), "Keys:"));
  CHECK_TRUE(screen.take_input() == Input::tick);
}

TEST(SessionScreen, takes_other_keys_and_curses_codes_without_a_change)
{
  session::Screen screen(view);
  screen.update(status);
  const auto before = screen.draw({24, 80});
  for (int key : std::initializer_list<int>{'x', ' ', -1, 0632, 0x100 + 'q'}) {
    CHECK_TRUE(screen.handle_key(key) == Reaction::handled);
  }
  CHECK_TRUE(screen.take_input() == Input::tick);
  const auto after = screen.draw({24, 80});
  CHECK_TRUE(before.lines == after.lines);
  STRCMP_EQUAL(before.bar.c_str(), after.bar.c_str());
}
