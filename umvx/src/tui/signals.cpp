#include "tui/signals.hpp"

#include <poll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>

namespace tui {

namespace {

constexpr int stop_signal_numbers[] = {SIGINT, SIGTERM, SIGHUP};

volatile sig_atomic_t stop_requested = 0;

extern "C" void
on_stop_signal(int)
{
  stop_requested = 1;
}

} // namespace

sigset_t
stop_signals()
{
  sigset_t set;
  sigemptyset(&set);
  for (int sig : stop_signal_numbers) {
    sigaddset(&set, sig);
  }
  return set;
}

SignalWaiter::SignalWaiter()
{
  const sigset_t set = stop_signals();
  sigprocmask(SIG_BLOCK, &set, &m_old_mask);
  m_fd.reset(::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
}

SignalWaiter::~SignalWaiter()
{
  // A second signal that arrived after the first would otherwise kill umvx
  // once unblocked, after it printed its last line.
  const sigset_t set = stop_signals();
  const timespec no_wait{};
  while (::sigtimedwait(&set, nullptr, &no_wait) > 0) {
  }
  sigprocmask(SIG_SETMASK, &m_old_mask, nullptr);
}

bool
SignalWaiter::wait_for_stop(std::chrono::milliseconds timeout)
{
  if (!m_fd) {
    // Without a signalfd the stop signals must not stay blocked for good;
    // sigtimedwait() takes one while it waits.
    const sigset_t set = stop_signals();
    timespec ts{};
    ts.tv_sec = timeout.count() / 1000;
    ts.tv_nsec = timeout.count() % 1000 * 1000000;
    return ::sigtimedwait(&set, nullptr, &ts) > 0;
  }
  pollfd pfd{m_fd.get(), POLLIN, 0};
  const int ready = ::poll(&pfd, 1, static_cast<int>(timeout.count()));
  if (ready <= 0) {
    return false;
  }
  signalfd_siginfo info;
  return ::read(m_fd.get(), &info, sizeof(info)) == sizeof(info);
}

StopFlag::StopFlag()
{
  stop_requested = 0;
  struct sigaction action = {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  // No SA_RESTART: a blocking read of the keyboard returns at once.
  action.sa_flags = 0;
  for (size_t i = 0; i < std::size(stop_signal_numbers); ++i) {
    sigaction(stop_signal_numbers[i], &action, &m_old[i]);
  }
}

StopFlag::~StopFlag()
{
  for (size_t i = 0; i < std::size(stop_signal_numbers); ++i) {
    sigaction(stop_signal_numbers[i], &m_old[i], nullptr);
  }
}

bool
StopFlag::requested() const
{
  return stop_requested != 0;
}

} // namespace tui
