#include "tui/signals.hpp"

#include <signal.h>
#include <unistd.h>

#include <chrono>

#include <CppUTest/TestHarness.h>

using namespace std::chrono_literals;

namespace {

bool
blocked(int sig)
{
  sigset_t mask;
  sigprocmask(SIG_BLOCK, nullptr, &mask);
  return sigismember(&mask, sig) == 1;
}

} // namespace

TEST_GROUP(TuiSignals){};

TEST(TuiSignals, stop_signals_are_int_term_and_hup)
{
  const sigset_t set = tui::stop_signals();
  CHECK_TRUE(sigismember(&set, SIGINT));
  CHECK_TRUE(sigismember(&set, SIGTERM));
  CHECK_TRUE(sigismember(&set, SIGHUP));
  CHECK_FALSE(sigismember(&set, SIGQUIT));
}

TEST(TuiSignals, waiter_times_out_without_a_signal)
{
  tui::SignalWaiter waiter;
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(waiter.wait_for_stop(50ms));
  CHECK_TRUE(std::chrono::steady_clock::now() - start >= 40ms);
}

TEST(TuiSignals, waiter_returns_at_once_for_a_stop_signal)
{
  tui::SignalWaiter waiter;
  ::kill(::getpid(), SIGTERM);
  const auto start = std::chrono::steady_clock::now();
  CHECK_TRUE(waiter.wait_for_stop(5s));
  CHECK_TRUE(std::chrono::steady_clock::now() - start < 1s);
  CHECK_FALSE(waiter.wait_for_stop(0ms));
}

TEST(TuiSignals, waiter_blocks_the_signals_only_while_it_exists)
{
  const bool before = blocked(SIGINT);
  {
    tui::SignalWaiter waiter;
    CHECK_TRUE(blocked(SIGINT));
    CHECK_TRUE(blocked(SIGTERM));
    CHECK_TRUE(blocked(SIGHUP));
  }
  CHECK_EQUAL(before, blocked(SIGINT));
}

TEST(TuiSignals, waiter_swallows_signals_left_pending)
{
  {
    tui::SignalWaiter waiter;
    ::kill(::getpid(), SIGINT);
    ::kill(::getpid(), SIGHUP);
  }
  // Still alive: neither reached its default action.
  CHECK_TRUE(true);
}

TEST(TuiSignals, flag_is_set_by_a_stop_signal)
{
  tui::StopFlag flag;
  CHECK_FALSE(flag.requested());
  ::raise(SIGHUP);
  CHECK_TRUE(flag.requested());
}

TEST(TuiSignals, flag_puts_the_old_handlers_back)
{
  struct sigaction before;
  sigaction(SIGINT, nullptr, &before);
  {
    tui::StopFlag flag;
    struct sigaction during;
    sigaction(SIGINT, nullptr, &during);
    CHECK_TRUE(during.sa_handler != before.sa_handler);
  }
  struct sigaction after;
  sigaction(SIGINT, nullptr, &after);
  CHECK_TRUE(after.sa_handler == before.sa_handler);
}

TEST(TuiSignals, flag_starts_clear)
{
  {
    tui::StopFlag flag;
    ::raise(SIGTERM);
  }
  tui::StopFlag flag;
  CHECK_FALSE(flag.requested());
}
