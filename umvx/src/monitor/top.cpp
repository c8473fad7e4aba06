#include "monitor/top.hpp"

#include "monitor/format.hpp"

#include <algorithm>
#include <cstdio>

namespace monitor {

void
Rates::update(const Head& head, std::uint64_t now_ns)
{
  const bool restart
    = m_head
      && (m_head->started_ns != head.started_ns || head.calls < m_head->calls);
  if (restart) {
    m_head.reset();
  }
  m_previous = std::move(m_head);
  m_previous_now = m_now;
  m_head = head;
  m_now = now_ns;
}

double
Rates::calls_per_second() const
{
  if (!m_head || !m_previous || m_now <= m_previous_now) {
    return 0;
  }
  return static_cast<double>(m_head->calls - m_previous->calls) * 1e9
         / static_cast<double>(m_now - m_previous_now);
}

std::vector<TopRow>
Rates::rows(SortKey key) const
{
  std::vector<TopRow> rows;
  if (!m_head) {
    return rows;
  }
  const bool have_rate = m_previous && m_now > m_previous_now;
  for (std::uint32_t nr = 0; nr < m_head->count.size(); ++nr) {
    const auto& count = m_head->count[nr];
    if (count.calls == 0) {
      continue;
    }
    TopRow row{nr, count.calls, count.ns, count.denied, 0};
    if (have_rate) {
      const auto before = m_previous->count[nr].calls;
      row.rate
        = static_cast<double>(count.calls - std::min(before, count.calls)) * 1e9
          / static_cast<double>(m_now - m_previous_now);
    }
    rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end(), [key](const TopRow& a, const TopRow& b) {
    const auto first_a = key == SortKey::calls ? a.calls : a.ns;
    const auto first_b = key == SortKey::calls ? b.calls : b.ns;
    if (first_a != first_b) {
      return first_a > first_b;
    }
    const auto second_a = key == SortKey::calls ? a.ns : a.calls;
    const auto second_b = key == SortKey::calls ? b.ns : b.calls;
    if (second_a != second_b) {
      return second_a > second_b;
    }
    return a.nr < b.nr;
  });
  return rows;
}

std::vector<std::string>
render_top(const std::vector<TopRow>& rows, std::size_t max_rows)
{
  std::vector<std::string> lines;
  char buf[160];
  std::snprintf(buf,
                sizeof(buf),
                "%-18s %10s %9s %11s %9s %7s",
                "SYSCALL",
                "CALLS",
                "CALLS/S",
                "TIME ms",
                "AVG us",
                "DENIED");
  lines.emplace_back(buf);
  for (std::size_t i = 0; i < rows.size() && i < max_rows; ++i) {
    const auto& row = rows[i];
    const double ms = static_cast<double>(row.ns) / 1e6;
    const double avg_us
      = static_cast<double>(row.ns) / 1e3 / static_cast<double>(row.calls);
    std::snprintf(buf,
                  sizeof(buf),
                  "%-18s %10llu %9.1f %11.3f %9.2f %7llu",
                  syscall_name(row.nr).c_str(),
                  static_cast<unsigned long long>(row.calls),
                  row.rate,
                  ms,
                  avg_us,
                  static_cast<unsigned long long>(row.denied));
    lines.emplace_back(buf);
  }
  return lines;
}

} // namespace monitor
