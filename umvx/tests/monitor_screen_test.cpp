#include "monitor/screen.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include <CppUTest/TestHarness.h>

using tui::Reaction;

namespace {

constexpr std::uint64_t second = 1000000000;

bool
mentions(const tui::Frame& frame, const std::string& text)
{
  return std::any_of(
    frame.lines.begin(), frame.lines.end(), [&](const std::string& line) {
      return line.find(text) != std::string::npos;
    });
}

// The first row of the table: the line after its header.
std::string
first_row(const tui::Frame& frame)
{
  const auto header = std::find_if(
    frame.lines.begin(), frame.lines.end(), [](const std::string& line) {
      return line.find("SYSCALL") != std::string::npos;
    });
  CHECK_TRUE(header != frame.lines.end() && header + 1 != frame.lines.end());
  return *(header + 1);
}

} // namespace

TEST_GROUP(MonitorScreen)
{
  monitor::Screen screen;
  monitor::Rates rates;
  const tui::Size size{24, 80};

  void setup() override
  {
    // read: many quick calls; write: few slow ones.
    monitor::Head head;
    head.count[0] = {1000, 1000000, 0};
    head.count[1] = {10, 900000000, 0};
    head.calls = 1010;
    rates.update(head, second);
    show(head);
  }

  void show(const monitor::Head& head)
  {
    monitor::View view;
    view.pid = 1234;
    view.info.state = device::MonitorState::active;
    view.head = head;
    view.rates = &rates;
    view.now_ns = second;
    screen.update(view);
  }
};

TEST(MonitorScreen, quits_on_q_in_either_case)
{
  CHECK_TRUE(screen.handle_key('q') == Reaction::quit);
  CHECK_TRUE(screen.handle_key('Q') == Reaction::quit);
}

TEST(MonitorScreen, sorts_the_table_by_time_on_t_and_by_calls_on_c)
{
  CHECK_TRUE(first_row(screen.draw(size)).find(" read ") != std::string::npos);
  CHECK_TRUE(screen.handle_key('t') == Reaction::redraw);
  auto frame = screen.draw(size);
  CHECK_TRUE(first_row(frame).find(" write ") != std::string::npos);
  CHECK_TRUE(mentions(frame, "Recent calls (table sorted by time):"));
  CHECK_TRUE(screen.handle_key('C') == Reaction::redraw);
  frame = screen.draw(size);
  CHECK_TRUE(first_row(frame).find(" read ") != std::string::npos);
  CHECK_TRUE(mentions(frame, "Recent calls (table sorted by calls):"));
}

TEST(MonitorScreen, shows_and_hides_the_help_with_the_question_mark)
{
  STRCMP_EQUAL(" q Quit  c By calls  t By time  ? Help ",
               screen.draw(size).bar.c_str());
  CHECK_TRUE(screen.handle_key('?') == Reaction::redraw);
  const auto frame = screen.draw(size);
  CHECK_TRUE(mentions(frame, " Keys:"));
  CHECK_TRUE(mentions(frame, "   q  quit; the process keeps running"));
  CHECK_TRUE(mentions(frame, "   c  sort the table by number of calls"));
  CHECK_TRUE(mentions(frame, "   t  sort the table by total time"));
  CHECK_TRUE(mentions(frame, "   ?  show or hide this help"));
  CHECK_FALSE(mentions(frame, "SYSCALL"));
  STRCMP_EQUAL(" q Quit  c By calls  t By time  ? Hide help ",
               frame.bar.c_str());
  CHECK_TRUE(screen.handle_key('?') == Reaction::redraw);
  CHECK_FALSE(mentions(screen.draw(size), "Keys:"));
}

TEST(MonitorScreen, takes_other_keys_and_curses_codes_without_a_change)
{
  const auto before = screen.draw(size);
  // KEY_RESIZE is the loop's, never the screen's; 0x19a is one of them.
  for (int key : std::initializer_list<int>{'x', -1, 0x19a}) {
    CHECK_TRUE(screen.handle_key(key) == Reaction::handled);
  }
  CHECK_TRUE(before.lines == screen.draw(size).lines);
}

TEST(MonitorScreen, still_draws_after_the_watch_loop_moved_on)
{
  const auto before = screen.draw(size);
  // The rates the screen was shown with are gone by the next key.
  rates = monitor::Rates();
  CHECK_TRUE(screen.handle_key('t') == Reaction::redraw);
  CHECK_TRUE(screen.handle_key('c') == Reaction::redraw);
  CHECK_TRUE(before.lines == screen.draw(size).lines);
}

TEST(MonitorScreen, gives_the_table_half_of_a_small_terminal)
{
  // Of 9 lines, title and bar take two, the summary, two blanks, the
  // header and the title of the recent calls five: one of the two left
  // goes to the table.
  const auto frame = screen.draw({9, 80});
  CHECK_TRUE(mentions(frame, " read "));
  CHECK_FALSE(mentions(frame, " write "));
  CHECK_TRUE(frame.lines.size() <= 7);
}
