#include "session/session.hpp"

#include "fake_device.hpp"
#include "sample.hpp"

#include <cerrno>

#include <CppUTest/TestHarness.h>

using device::SessionMode;

TEST_GROUP(SessionStart)
{
  test::FakeDevice fake;

  void setup() override
  {
    fake.fds = test::sample_fds();
  }

  device::Error failure(int fd)
  {
    auto started = session::start(fake, 1234, fd, SessionMode::remap, 99);
    CHECK_FALSE(started.ok());
    return started.error();
  }
};

TEST(SessionStart, asks_the_device_with_the_destination_descriptor)
{
  auto started = session::start(fake, 1234, 1, SessionMode::duplicate, 99);
  CHECK_TRUE(started.ok());
  LONGS_EQUAL(fake.next_id, started->id());
  LONGS_EQUAL(1, fake.starts.size());
  LONGS_EQUAL(1234, fake.starts[0].pid);
  LONGS_EQUAL(1, fake.starts[0].fd);
  CHECK_TRUE(fake.starts[0].mode == SessionMode::duplicate);
  LONGS_EQUAL(99, fake.starts[0].dest_fd);
  CHECK_TRUE(fake.pids.empty());
}

TEST(SessionStart, finds_a_missing_descriptor_in_a_listing_after_ebadf)
{
  fake.start_errno = EBADF;
  auto error = failure(9);
  CHECK_TRUE(error.fd_state == device::Error::FdState::not_open);
  LONGS_EQUAL(1234, fake.pids.at(0));
}

TEST(SessionStart, finds_a_read_only_descriptor_in_a_listing_after_ebadf)
{
  fake.start_errno = EBADF;
  CHECK_TRUE(failure(3).fd_state == device::Error::FdState::not_writable);
}

TEST(SessionStart, counts_access_mode_3_as_not_writable)
{
  fake.fds[2].open_flags = 3;
  fake.start_errno = EBADF;
  CHECK_TRUE(failure(3).fd_state == device::Error::FdState::not_writable);
}

TEST(SessionStart, cannot_tell_why_a_writable_descriptor_was_refused)
{
  fake.start_errno = EBADF;
  CHECK_TRUE(failure(10).fd_state == device::Error::FdState::unknown);
}

TEST(SessionStart, does_not_call_a_descriptor_missing_from_an_incomplete_list)
{
  fake.unlisted = 100000;
  fake.start_errno = EBADF;
  CHECK_TRUE(failure(9).fd_state == device::Error::FdState::unknown);
}

TEST(SessionStart, keeps_ebadf_unexplained_when_the_listing_fails)
{
  fake.start_errno = EBADF;
  fake.list_errno = ESRCH;
  auto error = failure(9);
  LONGS_EQUAL(EBADF, error.err);
  CHECK_TRUE(error.fd_state == device::Error::FdState::unknown);
}

TEST(SessionStart, lists_nothing_for_other_errors)
{
  fake.start_errno = EBUSY;
  auto error = failure(1);
  CHECK_TRUE(error.kind == device::Error::Kind::start_session);
  LONGS_EQUAL(EBUSY, error.err);
  LONGS_EQUAL(1234, error.pid);
  LONGS_EQUAL(1, error.fd);
  CHECK_TRUE(fake.pids.empty());
}

TEST(SessionStart, names_target_and_descriptor_in_later_errors)
{
  auto started = session::start(fake, 1234, 1, SessionMode::remap, 99);
  fake.status_errno = EFAULT;
  auto status = started->status();
  CHECK_FALSE(status.ok());
  LONGS_EQUAL(1234, status.error().pid);
  LONGS_EQUAL(1, status.error().fd);
  fake.ctl_errno = ETIMEDOUT;
  auto paused = started->pause();
  CHECK_FALSE(paused.ok());
  LONGS_EQUAL(1234, paused.error().pid);
  CHECK_TRUE(paused.error().op == device::SessionOp::pause);
}

TEST(SessionStart, sends_pause_resume_and_end_for_its_id)
{
  auto started = session::start(fake, 1234, 1, SessionMode::remap, 99);
  CHECK_TRUE(started->pause().ok());
  CHECK_TRUE(started->resume().ok());
  CHECK_TRUE(started->end().ok());
  LONGS_EQUAL(3, fake.ctls.size());
  CHECK_TRUE(fake.ctls[0].second == device::SessionOp::pause);
  CHECK_TRUE(fake.ctls[1].second == device::SessionOp::resume);
  CHECK_TRUE(fake.ctls[2].second == device::SessionOp::end);
  for (const auto& ctl : fake.ctls) {
    LONGS_EQUAL(fake.next_id, ctl.first);
  }
}

TEST(SessionStart, makes_a_view_with_what_the_descriptor_pointed_to)
{
  device::FdList before;
  before.fds = test::sample_fds();
  auto view = session::make_view(
    1234, 10, SessionMode::remap, "/tmp/out", before, "fakeproc -v");
  STRCMP_EQUAL("/tmp/fakeproc.log", view.was->c_str());
  STRCMP_EQUAL("fakeproc -v", view.cmdline->c_str());
  STRCMP_EQUAL("/tmp/out", view.path.c_str());
  CHECK_FALSE(session::make_view(
                1234, 9, SessionMode::remap, "/tmp/out", before, std::nullopt)
                .was.has_value());
}

TEST(SessionStart, tells_why_a_session_ended)
{
  device::SessionStatus status;
  status.state = device::SessionState::ended;
  status.end_reason = device::EndReason::exited;
  CHECK_TRUE(session::ending_of(status) == session::Ending::exited);
  status.end_reason = device::EndReason::execed;
  CHECK_TRUE(session::ending_of(status) == session::Ending::execed);
  status.end_reason = device::EndReason::none;
  CHECK_TRUE(session::ending_of(status) == session::Ending::ended);
}
