#pragma once

#include "monitor/top.hpp"
#include "monitor/watch.hpp"

#include <string>
#include <vector>

namespace monitor {

// What the monitor screen keeps between refreshes.
struct ScreenState
{
  SortKey sort = SortKey::calls;
  bool help = false;
};

// The monitor screen for a terminal of height lines: a title, the body,
// and a function bar for the last line.
struct Frame
{
  std::string title;
  std::vector<std::string> lines;
  std::string bar;
};

// "calls/s 120.5  forwarded 1523  denied 3  excursions 1530  refused 0"
std::string summary_line(const View& view);

// The body: the summary, the table of system calls (at most half of what
// is left), then the most recent calls, newest last, in the lines left.
Frame make_frame(const View& view, const ScreenState& state, int height);

} // namespace monitor
