#pragma once

#include "util/fd.hpp"

#include <signal.h>

#include <chrono>

namespace tui {

// The signals that end a screen or a stream of plain lines normally, and
// with it the session or the watch: SIGINT, SIGTERM, SIGHUP.
sigset_t stop_signals();

// Blocks the stop signals for its lifetime and receives them through a
// signalfd, so that plain output can wait for a while or for one of them
// without a handler and without busy waiting. Signals left pending are
// consumed before the old mask comes back.
class SignalWaiter
{
public:
  SignalWaiter();
  SignalWaiter(const SignalWaiter&) = delete;
  SignalWaiter& operator=(const SignalWaiter&) = delete;
  ~SignalWaiter();

  // Waits up to timeout; true if a stop signal arrived.
  bool wait_for_stop(std::chrono::milliseconds timeout);

private:
  util::Fd m_fd;
  sigset_t m_old_mask;
};

// Catches the stop signals with a handler that only sets a flag, for a
// screen, whose loop wakes up often anyway. It must exist before curses
// starts, so that curses leaves these signals alone; the old handlers come
// back when it is destroyed. At most one exists at a time.
class StopFlag
{
public:
  StopFlag();
  StopFlag(const StopFlag&) = delete;
  StopFlag& operator=(const StopFlag&) = delete;
  ~StopFlag();

  bool requested() const;

private:
  struct sigaction m_old[3];
};

} // namespace tui
