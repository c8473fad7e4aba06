#pragma once

#include "monitor/ring.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace monitor {

// What the table of system calls is sorted by, largest first.
enum class SortKey
{
  calls,
  time,
};

// One line of the table: a system call's counters since the monitor
// started, and its calls per second since the previous update.
struct TopRow
{
  std::uint32_t nr = 0;
  std::uint64_t calls = 0;
  std::uint64_t ns = 0;
  std::uint64_t denied = 0;
  double rate = 0;
};

// Turns successive heads into rates: calls per second between the last
// two updates, for all calls and per system call.
class Rates
{
public:
  // head read at now_ns (CLOCK_MONOTONIC of umvx). A head of another
  // monitor (started_ns changed) or with fewer calls starts again.
  void update(const Head& head, std::uint64_t now_ns);

  // Calls per second over the last interval; 0 before two updates.
  double calls_per_second() const;

  // The system calls called at least once, sorted by key (ties: by the
  // other key, then by number).
  std::vector<TopRow> rows(SortKey key) const;

private:
  std::optional<Head> m_head;
  std::optional<Head> m_previous;
  std::uint64_t m_now = 0;
  std::uint64_t m_previous_now = 0;
};

// The table as text lines, header first, at most max_rows rows:
//   SYSCALL          CALLS   CALLS/S   TIME ms   AVG us  DENIED
std::vector<std::string> render_top(const std::vector<TopRow>& rows,
                                    std::size_t max_rows);

} // namespace monitor
