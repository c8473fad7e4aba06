#pragma once

#include "device/device.hpp"
#include "monitor/ring.hpp"
#include "monitor/top.hpp"

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace monitor {

// What umvx -m knows of the watched process at one refresh.
struct View
{
  pid_t pid = 0;
  std::optional<std::string> cmdline;
  device::MonitorInfo info;
  std::optional<Head> head; // for an active monitor
  // The watch loop's; valid only during Ui::show().
  const Recent* recent = nullptr;
  const Rates* rates = nullptr;
  std::uint64_t now_ns = 0;
};

// What the operator asked of the watch loop.
enum class Input
{
  tick, // nothing: look at the process again
  quit, // stop watching (a key or SIGINT/SIGTERM/SIGHUP)
};

// Where the calls are shown: the monitor screen (tui/monitor_screen.hpp)
// or a stream of lines (monitor/plain.hpp).
class Ui
{
public:
  virtual ~Ui() = default;

  // The first record the Ui still needs, given the current head.
  virtual std::uint64_t first_wanted(const Head& head) = 0;

  virtual void show(const View& view) = 0;

  // Waits for the next input; tick within a quarter of a second or so.
  virtual Input wait() = 0;
};

// How watching ended.
struct Ending
{
  enum Kind
  {
    quit,        // the operator quit
    exited,      // the process exited
    unmonitored, // the process executed a program that runs unmonitored
  };

  // Implicit: an Ending compares with a bare Kind.
  Ending(Kind kind_, std::optional<int> status_ = std::nullopt)
    : kind(kind_), status(status_)
  {
  }

  bool operator==(const Ending&) const = default;

  Kind kind;
  // For exited, when the device watched the process to its end: its
  // waitpid(2) status. A device without the watch only says the process
  // is gone (ESRCH).
  std::optional<int> status;
};

// Nanoseconds of CLOCK_MONOTONIC, replaceable in tests.
using Clock = std::function<std::uint64_t()>;
std::uint64_t monotonic_ns();

// Watches pid's monitor until the operator quits or it ends, showing each
// refresh on ui. A process that is not monitored at the start is an
// ENODATA error of kind monitor_info ("process N is not monitored"); one
// awaiting its monitor is waited for. device must be the one device for
// the whole watch: it keeps the record area of a process it watched until
// the process exits, and the last refresh shows every record up to the
// exit before the watch ends with the exit status. A device without that
// watch only says the process is gone (ESRCH): exited without a status.
util::Result<Ending, device::Error> watch(device::Device& device,
                                          pid_t pid,
                                          std::optional<std::string> cmdline,
                                          Ui& ui,
                                          const Clock& clock);

// "process 1234 exited", "process 1234 exited with status 3", "process
// 1234 was killed by SIGKILL", "... by SIGSEGV (core dumped)", "process
// 1234 is no longer monitored"; nothing for quit.
std::string ending_line(pid_t pid, const Ending& ending);

// Turns the recent records into lines in order, for a stream: a call
// whose result is still missing, or a record being written, is held back
// up to hold_ns, then shown as it is ("= ?"), or at once when the process
// has exited; records the ring dropped before they were shown are counted
// in one line.
class Stream
{
public:
  explicit Stream(std::uint64_t hold_ns = 500000000) : m_hold(hold_ns)
  {
  }

  // The first record not shown yet; the first call starts at the head.
  std::uint64_t first_wanted(const Head& head);

  // Every line ready at now_ns; all of them once the process exited.
  std::vector<std::string> take(const Recent& recent,
                                const Head& head,
                                std::uint64_t now_ns,
                                bool exited = false);

private:
  std::uint64_t m_hold;
  std::optional<std::uint64_t> m_started_ns; // of the monitor being shown
  std::uint64_t m_next = 0;
  std::optional<std::uint64_t> m_waiting_since;
};

} // namespace monitor
