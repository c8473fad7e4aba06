#pragma once

#include "monitor/top.hpp"
#include "monitor/watch.hpp"
#include "tui/screen.hpp"

#include <string>
#include <vector>

namespace monitor {

// The monitor screen of umvx -p PID -m: a summary, the table of system
// calls (at most half of what is left), then the most recent calls,
// newest last, in the lines left; on request the help instead.
class Screen final : public tui::Screen
{
public:
  // Keeps what it shows of view, whose records and rates live only while
  // the watch loop shows it: a resize or a key repaints without it.
  void update(const View& view);

  tui::Frame draw(tui::Size size) const override;

  // q quits, c and t sort the table by calls or by time, ? shows or hides
  // the help.
  tui::Reaction handle_key(int key) override;

private:
  View m_view; // without its records and rates
  std::string m_summary;
  std::vector<TopRow> m_by_calls;
  std::vector<TopRow> m_by_time;
  std::vector<std::string> m_recent; // oldest first
  SortKey m_sort = SortKey::calls;
  bool m_help = false;
};

} // namespace monitor
