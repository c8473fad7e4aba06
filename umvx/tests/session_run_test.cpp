#include "session/run.hpp"

#include "fake_device.hpp"

#include <cerrno>
#include <deque>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using device::SessionOp;
using device::SessionState;
using session::Input;

namespace {

// Plays back inputs and records what it was shown.
class ScriptedUi final : public session::Ui
{
public:
  std::deque<Input> inputs;
  int started_calls = 0;
  std::vector<device::SessionStatus> shown;
  std::vector<std::string> notices;

  void
  started() override
  {
    ++started_calls;
  }

  void
  show(const device::SessionStatus& status) override
  {
    shown.push_back(status);
  }

  void
  notice(const std::string& text) override
  {
    notices.push_back(text);
  }

  Input
  wait() override
  {
    if (inputs.empty()) {
      return Input::quit;
    }
    const Input input = inputs.front();
    inputs.pop_front();
    return input;
  }
};

} // namespace

TEST_GROUP(SessionRun)
{
  test::FakeDevice fake;
  ScriptedUi ui;

  util::Result<session::Ending, device::Error> run_session()
  {
    auto started
      = session::start(fake, 1234, 1, device::SessionMode::remap, 99);
    CHECK_TRUE(started.ok());
    return session::run(*started, ui);
  }
};

TEST(SessionRun, ends_the_session_when_the_operator_quits)
{
  ui.inputs = {Input::tick, Input::tick, Input::quit};
  auto ending = run_session();
  CHECK_TRUE(ending.ok());
  CHECK_TRUE(*ending == session::Ending::restored);
  LONGS_EQUAL(1, ui.started_calls);
  LONGS_EQUAL(3, ui.shown.size());
  LONGS_EQUAL(1, fake.ctls.size());
  CHECK_TRUE(fake.ctls[0].second == SessionOp::end);
}

TEST(SessionRun, shows_the_counters_it_polled)
{
  ui.inputs = {Input::tick, Input::quit};
  fake.on_status = [](test::FakeDevice& f) { f.status.bytes += 100; };
  CHECK_TRUE(run_session().ok());
  LONGS_EQUAL(100, ui.shown.at(0).bytes);
  LONGS_EQUAL(200, ui.shown.at(1).bytes);
}

TEST(SessionRun, returns_when_the_process_exits_without_ending_it)
{
  ui.inputs = {Input::tick, Input::tick, Input::tick};
  fake.on_status = [](test::FakeDevice& f) {
    if (f.status_calls == 3) {
      f.status.state = SessionState::ended;
      f.status.end_reason = device::EndReason::exited;
    }
  };
  auto ending = run_session();
  CHECK_TRUE(*ending == session::Ending::exited);
  LONGS_EQUAL(2, ui.shown.size());
  CHECK_TRUE(fake.ctls.empty());
}

TEST(SessionRun, returns_when_the_process_execs)
{
  fake.on_status = [](test::FakeDevice& f) {
    f.status.state = SessionState::ended;
    f.status.end_reason = device::EndReason::execed;
  };
  CHECK_TRUE(*run_session() == session::Ending::execed);
  CHECK_TRUE(ui.shown.empty());
}

TEST(SessionRun, pauses_an_active_session_and_resumes_a_paused_one)
{
  ui.inputs = {Input::toggle_pause, Input::toggle_pause, Input::quit};
  CHECK_TRUE(run_session().ok());
  LONGS_EQUAL(3, fake.ctls.size());
  CHECK_TRUE(fake.ctls[0].second == SessionOp::pause);
  CHECK_TRUE(fake.ctls[1].second == SessionOp::resume);
  CHECK_TRUE(fake.ctls[2].second == SessionOp::end);
  CHECK_TRUE(ui.shown.at(0).state == SessionState::active);
  CHECK_TRUE(ui.shown.at(1).state == SessionState::paused);
  CHECK_TRUE(ui.shown.at(2).state == SessionState::active);
}

TEST(SessionRun, notices_a_failed_pause_and_goes_on)
{
  ui.inputs = {Input::toggle_pause, Input::tick};
  fake.on_status = [](test::FakeDevice& f) {
    f.ctl_errno
      = f.status_calls == 1 ? std::optional<int>(ETIMEDOUT) : std::nullopt;
  };
  auto ending = run_session();
  CHECK_TRUE(ending.ok());
  LONGS_EQUAL(1, ui.notices.size());
  STRCMP_EQUAL("pid 1234: the process did not respond (is it stopped?)",
               ui.notices[0].c_str());
  LONGS_EQUAL(3, ui.shown.size());
}

TEST(SessionRun, clears_the_notice_after_a_pause_that_worked)
{
  ui.inputs = {Input::toggle_pause, Input::quit};
  CHECK_TRUE(run_session().ok());
  LONGS_EQUAL(1, ui.notices.size());
  STRCMP_EQUAL("", ui.notices[0].c_str());
}

TEST(SessionRun, ignores_a_pause_that_lost_the_race_with_the_end)
{
  ui.inputs = {Input::toggle_pause, Input::tick};
  fake.on_status = [](test::FakeDevice& f) {
    if (f.status_calls == 2) {
      f.status.state = SessionState::ended;
      f.status.end_reason = device::EndReason::exited;
    }
  };
  fake.ctl_errno = ESRCH;
  CHECK_TRUE(*run_session() == session::Ending::exited);
  CHECK_TRUE(ui.notices.empty());
}

TEST(SessionRun, returns_a_status_error)
{
  fake.status_errno = EFAULT;
  auto ending = run_session();
  CHECK_FALSE(ending.ok());
  CHECK_TRUE(ending.error().kind == device::Error::Kind::session_status);
  LONGS_EQUAL(1234, ending.error().pid);
}

TEST(SessionRun, reports_an_unloaded_module_as_an_ending)
{
  fake.status_errno = ENODEV;
  CHECK_TRUE(*run_session() == session::Ending::unloaded);
}

TEST(SessionRun, reports_an_unloaded_module_met_while_quitting)
{
  ui.inputs = {Input::quit};
  fake.ctl_errno = ENODEV;
  CHECK_TRUE(*run_session() == session::Ending::unloaded);
}

TEST(SessionRun, returns_an_error_ending_the_session)
{
  fake.ctl_errno = ETIMEDOUT;
  auto ending = run_session();
  CHECK_FALSE(ending.ok());
  CHECK_TRUE(ending.error().op == SessionOp::end);
}
