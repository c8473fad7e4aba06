#include "session/plain.hpp"

#include <deque>
#include <sstream>

#include <CppUTest/TestHarness.h>

TEST_GROUP(SessionPlain)
{
  std::ostringstream err;
  std::deque<bool> stops;
  session::View view;

  void setup() override
  {
    view.pid = 1234;
    view.fd = 1;
    view.mode = device::SessionMode::duplicate;
    view.path = "/tmp/copy";
  }

  session::PlainUi ui()
  {
    return session::PlainUi(view, err, [this] {
      const bool stop = stops.front();
      stops.pop_front();
      return stop;
    });
  }
};

TEST(SessionPlain, says_the_session_started)
{
  ui().started();
  STRCMP_EQUAL("umvx: pid 1234 fd 1: duplicating to /tmp/copy\n",
               err.str().c_str());
}

TEST(SessionPlain, prints_one_status_line_each_time)
{
  auto plain = ui();
  device::SessionStatus status;
  status.writes = 3;
  status.bytes = 120;
  status.errors = 1;
  status.skipped = 2;
  status.attached_ns = 5999999999;
  plain.show(status);
  status.state = device::SessionState::paused;
  plain.show(status);
  STRCMP_EQUAL("umvx: pid 1234 fd 1: active, 3 writes, 120 bytes, 1 errors,"
               " 2 skipped, 5 s\n"
               "umvx: pid 1234 fd 1: paused, 3 writes, 120 bytes, 1 errors,"
               " 2 skipped, 5 s\n",
               err.str().c_str());
}

TEST(SessionPlain, quits_on_a_stop_signal)
{
  stops = {false, true};
  auto plain = ui();
  CHECK_TRUE(plain.wait() == session::Input::tick);
  CHECK_TRUE(plain.wait() == session::Input::quit);
}

TEST(SessionPlain, prints_notices_but_not_their_clearing)
{
  auto plain = ui();
  plain.notice("pid 1234: the process did not respond (is it stopped?)");
  plain.notice("");
  STRCMP_EQUAL("umvx: pid 1234: the process did not respond (is it stopped?)\n",
               err.str().c_str());
}
