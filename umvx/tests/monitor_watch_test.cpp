#include "monitor/plain.hpp"
#include "monitor/screen.hpp"
#include "monitor/top.hpp"
#include "monitor/watch.hpp"

#include "fake_device.hpp"
#include "ring_area.hpp"

#include <cerrno>
#include <csignal>
#include <deque>
#include <sstream>

#include <CppUTest/TestHarness.h>

namespace {

constexpr std::uint64_t second = 1000000000;

monitor::Head
head_with(
  std::initializer_list<std::pair<std::uint32_t, monitor::Count>> counts)
{
  monitor::Head head;
  head.nrec = 256;
  for (const auto& [nr, count] : counts) {
    head.count[nr] = count;
    head.calls += count.calls;
  }
  return head;
}

} // namespace

TEST_GROUP(MonitorTop){};

TEST(MonitorTop, sorts_system_calls_by_calls_or_by_time)
{
  monitor::Rates rates;
  rates.update(
    head_with({{0, {10, 500, 0}}, {1, {5, 9000, 0}}, {39, {10, 100, 2}}}), 0);
  auto by_calls = rates.rows(monitor::SortKey::calls);
  LONGS_EQUAL(3, by_calls.size());
  // Ties in calls go to the one with more time.
  LONGS_EQUAL(0, by_calls[0].nr);
  LONGS_EQUAL(39, by_calls[1].nr);
  LONGS_EQUAL(1, by_calls[2].nr);
  auto by_time = rates.rows(monitor::SortKey::time);
  LONGS_EQUAL(1, by_time[0].nr);
  LONGS_EQUAL(0, by_time[1].nr);
  LONGS_EQUAL(39, by_time[2].nr);
}

TEST(MonitorTop, computes_calls_per_second_between_two_heads)
{
  monitor::Rates rates;
  rates.update(head_with({{0, {10, 0, 0}}, {1, {4, 0, 0}}}), 1 * second);
  DOUBLES_EQUAL(0, rates.calls_per_second(), 1e-9);
  rates.update(head_with({{0, {30, 0, 0}}, {1, {4, 0, 0}}}),
               1 * second + second / 2);
  DOUBLES_EQUAL(40, rates.calls_per_second(), 1e-9);
  auto rows = rates.rows(monitor::SortKey::calls);
  DOUBLES_EQUAL(40, rows[0].rate, 1e-9);
  DOUBLES_EQUAL(0, rows[1].rate, 1e-9);
}

TEST(MonitorTop, starts_again_for_a_new_monitor)
{
  monitor::Rates rates;
  rates.update(head_with({{0, {100, 0, 0}}}), 0);
  auto next = head_with({{0, {3, 0, 0}}});
  next.started_ns = 42;
  rates.update(next, second);
  DOUBLES_EQUAL(0, rates.calls_per_second(), 1e-9);
}

TEST(MonitorTop, renders_a_table_with_a_header)
{
  auto lines
    = monitor::render_top({{257, 4, 2000000, 1, 2.5}, {0, 1, 1000, 0, 0}}, 1);
  LONGS_EQUAL(2, lines.size());
  STRCMP_EQUAL("SYSCALL                 CALLS   CALLS/S     TIME ms    AVG us "
               " DENIED",
               lines[0].c_str());
  STRCMP_EQUAL("openat                      4       2.5       2.000    500.00 "
               "      1",
               lines[1].c_str());
}

TEST_GROUP(MonitorStream)
{
  test::FakeDevice fake;
  test::RingArea area;
  monitor::Stream stream{100};
  monitor::Recent recent;

  std::vector<std::string> take(std::uint64_t now)
  {
    area.install(fake);
    monitor::Reader reader(fake, 1234, fake.monitor.records_size);
    auto head = reader.read_head();
    CHECK_TRUE(head.ok());
    CHECK_TRUE(recent.update(reader, *head, stream.first_wanted(*head)).ok());
    return stream.take(recent, *head, now);
  }
};

TEST(MonitorStream, starts_with_the_calls_made_after_it_started)
{
  area.add(7, 39, {}, 7);
  CHECK_TRUE(take(0).empty());
  area.add(7, 39, {}, 7);
  area.add(8, 0, {0, 0x1000, 10}, -EAGAIN);
  auto lines = take(0);
  LONGS_EQUAL(2, lines.size());
  STRCMP_EQUAL("[7] getpid() = 7", lines[0].c_str());
  STRCMP_EQUAL("[8] read(0, 0x1000, 10) = -1 EAGAIN", lines[1].c_str());
}

TEST(MonitorStream, holds_a_running_call_back_for_its_result)
{
  take(0);
  area.add(7, 0, {0, 0x1000, 10}, 0, 0);
  area.add(8, 39, {}, 8);
  CHECK_TRUE(take(0).empty());
  area.slot(0).result = 3;
  area.slot(0).flags = MVX_REC_DONE | MVX_REC_EXECUTED;
  auto lines = take(50);
  LONGS_EQUAL(2, lines.size());
  STRCMP_EQUAL("[7] read(0, 0x1000, 10) = 3", lines[0].c_str());
}

TEST(MonitorStream, shows_a_call_still_running_after_the_hold)
{
  take(0);
  area.add(7, 0, {0, 0x1000, 10}, 0, 0);
  CHECK_TRUE(take(10).empty());
  auto lines = take(200);
  LONGS_EQUAL(1, lines.size());
  STRCMP_EQUAL("[7] read(0, 0x1000, 10) = ?", lines[0].c_str());
}

TEST(MonitorStream, waits_for_a_torn_record_and_then_counts_it_out)
{
  take(0);
  area.add(7, 39, {}, 7).seq = 0;
  CHECK_TRUE(take(0).empty());
  auto lines = take(500);
  LONGS_EQUAL(1, lines.size());
  STRCMP_EQUAL("--- 1 call not shown (its record could not be read) ---",
               lines[0].c_str());
}

TEST(MonitorStream, says_how_many_calls_the_ring_dropped)
{
  take(0);
  for (int i = 0; i < MVX_RING_RECORDS + 5; ++i) {
    area.add(7, 39, {}, 7);
  }
  auto lines = take(0);
  LONGS_EQUAL(1 + MVX_RING_RECORDS, lines.size());
  STRCMP_EQUAL("--- 5 calls not shown (umvx fell behind) ---",
               lines[0].c_str());
}

// Plays inputs back to the watch loop and keeps what it was shown.
class ScriptedUi final : public monitor::Ui
{
public:
  std::deque<monitor::Input> inputs;
  std::vector<monitor::View> shown;
  std::vector<std::size_t> records_seen;
  // The screen of each refresh, 20 lines high (the view's records and
  // rates live only during the refresh).
  monitor::Screen screen;
  std::vector<tui::Frame> frames;

  std::uint64_t
  first_wanted(const monitor::Head& head) override
  {
    return head.oldest();
  }

  void
  show(const monitor::View& view) override
  {
    shown.push_back(view);
    records_seen.push_back(view.recent->records().size());
    screen.update(view);
    frames.push_back(screen.draw({20, 80}));
  }

  monitor::Input
  wait() override
  {
    if (inputs.empty()) {
      return monitor::Input::quit;
    }
    auto input = inputs.front();
    inputs.pop_front();
    return input;
  }
};

TEST_GROUP(MonitorWatch)
{
  test::FakeDevice fake;
  test::RingArea area;
  ScriptedUi ui;
  std::uint64_t now = 0;
  monitor::Clock clock = [this] { return now += second; };

  util::Result<monitor::Ending, device::Error> watch()
  {
    return monitor::watch(fake, 1234, std::string("prog -v"), ui, clock);
  }
};

TEST(MonitorWatch, refuses_a_process_that_is_not_monitored)
{
  auto ending = watch();
  CHECK_FALSE(ending.ok());
  STRCMP_EQUAL("process 1234 is not monitored",
               device::describe(ending.error()).c_str());
  CHECK_TRUE(ui.shown.empty());
}

TEST(MonitorWatch, shows_the_monitor_until_the_operator_quits)
{
  area.add(7, 39, {}, 7);
  area.install(fake);
  ui.inputs = {monitor::Input::tick};
  fake.on_monitor = [this](test::FakeDevice& f) {
    area.add(7, 0, {0, 0, 0});
    area.install(f);
  };
  auto ending = watch();
  CHECK_TRUE(ending.ok());
  CHECK_TRUE(*ending == monitor::Ending::quit);
  LONGS_EQUAL(2, ui.shown.size());
  LONGS_EQUAL(2, ui.records_seen[0]);
  LONGS_EQUAL(3, ui.records_seen[1]);
  LONGS_EQUAL(3, ui.shown[1].head->calls);
  STRCMP_EQUAL("prog -v", ui.shown[0].cmdline->c_str());
  LONGS_EQUAL(2 * second, ui.shown[1].now_ns);
}

TEST(MonitorWatch, ends_when_the_process_exits)
{
  area.install(fake);
  ui.inputs = {monitor::Input::tick, monitor::Input::tick};
  fake.on_monitor = [](test::FakeDevice& f) {
    if (f.monitor_calls == 2) {
      f.monitor_errno = ESRCH;
    }
  };
  auto ending = watch();
  CHECK_TRUE(*ending == monitor::Ending::exited);
  STRCMP_EQUAL("process 1234 exited",
               monitor::ending_line(1234, *ending).c_str());
}

TEST(MonitorWatch, waits_for_a_monitor_after_execve_and_ends_without_one)
{
  fake.monitor.state = device::MonitorState::awaiting;
  ui.inputs = {monitor::Input::tick, monitor::Input::tick};
  fake.on_monitor = [](test::FakeDevice& f) {
    if (f.monitor_calls == 2) {
      f.monitor.state = device::MonitorState::none;
    }
  };
  auto ending = watch();
  CHECK_TRUE(*ending == monitor::Ending::unmonitored);
  LONGS_EQUAL(1, ui.shown.size());
  CHECK_FALSE(ui.shown[0].head);
  STRCMP_EQUAL("process 1234 is no longer monitored",
               monitor::ending_line(1234, *ending).c_str());
}

TEST(MonitorWatch, streams_calls_as_lines_until_stopped)
{
  std::ostringstream out;
  int waits = 0;
  area.install(fake);
  fake.on_monitor = [this](test::FakeDevice& f) {
    if (f.monitor_calls == 2) {
      area.add(7, 39, {}, 7);
      area.install(f);
    }
  };
  monitor::PlainUi plain(out, [&] { return ++waits == 3; });
  auto ending = monitor::watch(fake, 1234, std::nullopt, plain, clock);
  CHECK_TRUE(*ending == monitor::Ending::quit);
  STRCMP_EQUAL("[7] getpid() = 7\n", out.str().c_str());
}

TEST(MonitorWatch, draws_a_frame_with_the_table_and_the_recent_calls)
{
  area.add(7, 39, {}, 7);
  area.add(7, 257, {static_cast<std::uint64_t>(-100), 0x1000, 0}, -ENOENT);
  area.install(fake);
  auto ending = watch();
  CHECK_TRUE(ending.ok());
  const auto& frame = ui.frames.at(0);
  CHECK_TRUE(frame.title.find("pid 1234  prog -v  (monitored, policy default,"
                              " default allow)")
             != std::string::npos);
  STRCMP_EQUAL(" calls/s 0.0  forwarded 2  denied 0  excursions 0  refused 0",
               frame.lines[0].c_str());
  CHECK_TRUE(frame.lines[2].find("SYSCALL") != std::string::npos);
  STRCMP_EQUAL(" [7] openat(AT_FDCWD, 0x1000, 0) = -1 ENOENT",
               frame.lines.back().c_str());
  CHECK_TRUE(frame.bar.find("q Quit") != std::string::npos);
  CHECK_TRUE(frame.lines.size() <= 18);
}

namespace {

// The last calls of the sh of issue 13 ("echo one; echo two; echo three;
// exit 3"): three writes, and an exit_group that is executed and never
// returns.
void
add_last_calls(test::RingArea& area)
{
  for (int i = 0; i < 3; ++i) {
    area.add(7, 1, {1, 0x1000, 4}, 4);
  }
  area.add(7, 231, {3}, 0, MVX_REC_EXECUTED);
}

// A stop that comes after n waits, in case the watch does not end.
monitor::StopWait
stop_after(int n)
{
  return [n, waits = 0]() mutable { return ++waits == n; };
}

constexpr const char* last_lines = "[7] write(1, 0x1000, 4) = 4\n"
                                   "[7] write(1, 0x1000, 4) = 4\n"
                                   "[7] write(1, 0x1000, 4) = 4\n"
                                   "[7] exit_group(3) = ?\n";

} // namespace

TEST(MonitorWatch, streams_every_last_call_of_a_process_that_exits)
{
  std::ostringstream out;
  int waits = 0;
  area.install(fake);
  fake.on_monitor = [this](test::FakeDevice& f) {
    if (f.monitor_calls == 2) {
      add_last_calls(area);
      area.install_exited(f, 3 << 8);
    }
  };
  // The clock stands still: once the process has exited, nothing waits
  // for the hold time, not even exit_group, which never gets a result.
  monitor::PlainUi plain(out, [&] { return ++waits == 5; });
  auto ending = monitor::watch(
    fake, 1234, std::nullopt, plain, [] { return std::uint64_t{0}; });
  CHECK_TRUE(ending.ok());
  CHECK_TRUE(*ending == monitor::Ending(monitor::Ending::exited, 3 << 8));
  STRCMP_EQUAL(last_lines, out.str().c_str());
  LONGS_EQUAL(1, waits);
  STRCMP_EQUAL("process 1234 exited with status 3",
               monitor::ending_line(1234, *ending).c_str());
}

TEST(MonitorWatch, streams_the_calls_of_a_process_that_exits_between_refreshes)
{
  std::ostringstream out;
  area.install(fake);
  fake.on_monitor = [this](test::FakeDevice& f) {
    if (f.monitor_calls == 2) {
      area.add(7, 39, {}, 7);
      area.install(f);
    } else if (f.monitor_calls == 3) {
      add_last_calls(area);
      area.install_exited(f, 0);
    }
  };
  monitor::PlainUi plain(out, stop_after(10), monitor::Stream(second));
  auto ending = monitor::watch(fake, 1234, std::nullopt, plain, clock);
  CHECK_TRUE(*ending == monitor::Ending(monitor::Ending::exited, 0));
  STRCMP_EQUAL((std::string("[7] getpid() = 7\n") + last_lines).c_str(),
               out.str().c_str());
  STRCMP_EQUAL("process 1234 exited with status 0",
               monitor::ending_line(1234, *ending).c_str());
}

TEST(MonitorWatch, shows_the_screen_of_a_process_that_exited_before_ending)
{
  area.add(7, 39, {}, 7);
  area.install(fake);
  // One tick only: a watch that waited after the exit would quit.
  ui.inputs = {monitor::Input::tick};
  fake.on_monitor = [this](test::FakeDevice& f) {
    if (f.monitor_calls == 2) {
      add_last_calls(area);
      area.install_exited(f, 3 << 8);
    }
  };
  auto ending = watch();
  CHECK_TRUE(*ending == monitor::Ending(monitor::Ending::exited, 3 << 8));
  LONGS_EQUAL(2, ui.shown.size());
  LONGS_EQUAL(5, ui.records_seen[1]);
  const auto& frame = ui.frames.at(1);
  CHECK_TRUE(frame.title.find("(exited, policy default") != std::string::npos);
  STRCMP_EQUAL(" [7] exit_group(3) = ?", frame.lines.back().c_str());
}

TEST(MonitorWatch, says_which_signal_killed_the_process)
{
  std::ostringstream out;
  area.install(fake);
  fake.on_monitor = [this](test::FakeDevice& f) {
    if (f.monitor_calls == 2) {
      area.add(7, 1, {1, 0x1000, 4}, 4);
      area.add(7, 35, {0x2000, 0}, 0, MVX_REC_EXECUTED);
      area.install_exited(f, SIGKILL);
    }
  };
  monitor::PlainUi plain(out, stop_after(10));
  auto ending = monitor::watch(
    fake, 1234, std::nullopt, plain, [] { return std::uint64_t{0}; });
  CHECK_TRUE(*ending == monitor::Ending(monitor::Ending::exited, SIGKILL));
  STRCMP_EQUAL("[7] write(1, 0x1000, 4) = 4\n"
               "[7] nanosleep(0x2000, NULL) = ?\n",
               out.str().c_str());
  STRCMP_EQUAL("process 1234 was killed by SIGKILL",
               monitor::ending_line(1234, *ending).c_str());
}

TEST(MonitorWatch, says_that_a_process_dumped_core_or_names_an_unknown_signal)
{
  STRCMP_EQUAL(
    "process 1234 was killed by SIGSEGV (core dumped)",
    monitor::ending_line(1234, {monitor::Ending::exited, SIGSEGV | 0x80})
      .c_str());
  STRCMP_EQUAL(
    "process 1234 was killed by SIGTERM",
    monitor::ending_line(1234, {monitor::Ending::exited, SIGTERM}).c_str());
  STRCMP_EQUAL(
    "process 1234 was killed by signal 70",
    monitor::ending_line(1234, {monitor::Ending::exited, 70}).c_str());
  STRCMP_EQUAL(
    "process 1234 exited with status 255",
    monitor::ending_line(1234, {monitor::Ending::exited, 255 << 8}).c_str());
}

TEST(MonitorWatch, says_only_that_the_process_exited_when_the_device_lost_it)
{
  // A device without the watch: the record area went with the process.
  area.install(fake);
  fake.on_monitor = [this](test::FakeDevice& f) {
    if (f.monitor_calls == 2) {
      area.add(7, 1, {1, 0x1000, 4}, 4);
      area.install(f);
      f.monitor_errno = ESRCH;
    }
  };
  std::ostringstream out;
  monitor::PlainUi plain(out, stop_after(10));
  auto ending = monitor::watch(fake, 1234, std::nullopt, plain, clock);
  CHECK_TRUE(*ending == monitor::Ending::exited);
  CHECK_FALSE(ending->status);
  STRCMP_EQUAL("", out.str().c_str());
  STRCMP_EQUAL("process 1234 exited",
               monitor::ending_line(1234, *ending).c_str());
}
