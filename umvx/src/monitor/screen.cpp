#include "monitor/screen.hpp"

#include "monitor/format.hpp"
#include "monitor/status.hpp"
#include "tui/keys.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cstdio>

namespace monitor {

namespace {

enum class KeyAction
{
  quit,
  sort_calls,
  sort_time,
  toggle_help,
};

constexpr tui::Key<KeyAction> keys[] = {
  {'q', KeyAction::quit, "Quit", "quit; the process keeps running"},
  {'c', KeyAction::sort_calls, "By calls", "sort the table by number of calls"},
  {'t', KeyAction::sort_time, "By time", "sort the table by total time"},
  {'?', KeyAction::toggle_help, "Help", "show or hide this help", "Hide help"},
};

constexpr tui::KeyTable<KeyAction> key_table(keys,
                                             KeyAction::quit,
                                             KeyAction::toggle_help);

// " calls/s 120.5  forwarded 1523  denied 3  excursions 1530  refused 0"
std::string
summary_line(const View& view)
{
  char rate[32];
  std::snprintf(rate,
                sizeof(rate),
                "%.1f",
                view.rates ? view.rates->calls_per_second() : 0.0);
  std::string line = std::string(" calls/s ") + rate;
  if (view.head) {
    line += "  forwarded " + std::to_string(view.head->calls) + "  denied "
            + std::to_string(view.head->denied);
  }
  line += "  excursions " + std::to_string(view.info.excursions) + "  refused "
          + std::to_string(view.info.refused);
  return line;
}

std::string
title(const View& view)
{
  std::string title = "umvx: pid " + std::to_string(view.pid);
  if (view.cmdline) {
    title += "  " + util::escape_control(*view.cmdline);
  }
  title += "  (" + state_text(view.info.state);
  if (view.head) {
    title
      += ", policy "
         + (view.head->policy.empty() ? std::string("default")
                                      : util::escape_control(view.head->policy))
         + ", default "
         + action_text(view.head->default_action, view.head->default_errno);
  }
  return title + ")";
}

} // namespace

void
Screen::update(const View& view)
{
  m_view = view;
  m_view.recent = nullptr;
  m_view.rates = nullptr;
  m_summary = summary_line(view);
  m_by_calls.clear();
  m_by_time.clear();
  m_recent.clear();
  if (view.rates) {
    m_by_calls = view.rates->rows(SortKey::calls);
    m_by_time = view.rates->rows(SortKey::time);
  }
  if (view.recent) {
    for (const auto& [index, record] : view.recent->records()) {
      m_recent.push_back(" " + call_line(record));
    }
  }
}

tui::Frame
Screen::draw(tui::Size size) const
{
  tui::Frame frame;
  frame.title = title(m_view);
  frame.bar = key_table.bar(m_help);

  auto& lines = frame.lines;
  // Title and bar take a line each.
  const std::size_t body
    = size.rows > 2 ? static_cast<std::size_t>(size.rows - 2) : 0;
  lines.push_back(m_summary);
  if (m_help) {
    const auto help = key_table.help({
      " The table counts every forwarded call since the monitor started;"
      " CALLS/S is",
      " since the last refresh. Below it, the most recent calls: '= ?' while"
      " a call",
      " runs, '(denied)' for calls the policy refused. Exempt calls are not"
      " seen.",
    });
    lines.insert(lines.end(), help.begin(), help.end());
    return frame;
  }
  if (m_view.info.state == device::MonitorState::awaiting) {
    lines.push_back("");
    lines.push_back(" The process executed a new program; waiting for its"
                    " monitor to register.");
    return frame;
  }
  if (!m_view.head) {
    return frame;
  }

  // Summary, a blank, the table header and rows, a blank, the tail title.
  const std::size_t fixed = 5;
  const std::size_t free = body > fixed ? body - fixed : 0;
  const auto& rows = m_sort == SortKey::calls ? m_by_calls : m_by_time;
  const std::size_t table_rows = std::min(rows.size(), free / 2);
  lines.push_back("");
  for (auto& line : render_top(rows, table_rows)) {
    lines.push_back(" " + line);
  }
  lines.push_back("");
  lines.push_back(std::string(" Recent calls (table sorted by ")
                  + (m_sort == SortKey::calls ? "calls" : "time") + "):");
  const std::size_t tail = body > lines.size() ? body - lines.size() : 0;
  const std::size_t shown = std::min(tail, m_recent.size());
  lines.insert(lines.end(), m_recent.end() - shown, m_recent.end());
  return frame;
}

tui::Reaction
Screen::handle_key(int key)
{
  return key_table.handle(key, m_help, [this](KeyAction action) {
    m_sort = action == KeyAction::sort_time ? SortKey::time : SortKey::calls;
    return tui::Reaction::redraw;
  });
}

} // namespace monitor
