#include "monitor/text.hpp"

#include "monitor/format.hpp"
#include "monitor/keys.hpp"
#include "monitor/status.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cstdio>

namespace monitor {

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

Frame
make_frame(const View& view, const ScreenState& state, int height)
{
  Frame frame;
  frame.title = "umvx: pid " + std::to_string(view.pid);
  if (view.cmdline) {
    frame.title += "  " + util::escape_control(*view.cmdline);
  }
  frame.title += "  (" + state_text(view.info.state);
  if (view.head) {
    frame.title
      += ", policy "
         + (view.head->policy.empty() ? std::string("default")
                                      : util::escape_control(view.head->policy))
         + ", default "
         + action_text(view.head->default_action, view.head->default_errno);
  }
  frame.title += ")";

  for (const auto& binding : key_bindings()) {
    const char* label = binding.label;
    if (binding.input == Input::toggle_help && state.help) {
      label = "Hide help";
    }
    frame.bar += std::string(" ") + binding.key + " " + label + " ";
  }

  auto& lines = frame.lines;
  // Title and bar take a line each.
  const std::size_t body
    = height > 2 ? static_cast<std::size_t>(height - 2) : 0;
  lines.push_back(summary_line(view));
  if (state.help) {
    lines.push_back("");
    lines.push_back(" Keys:");
    for (const auto& binding : key_bindings()) {
      lines.push_back(std::string("   ") + binding.key + "  " + binding.help);
    }
    lines.push_back("");
    lines.push_back(" The table counts every forwarded call since the monitor"
                    " started; CALLS/S is");
    lines.push_back(" since the last refresh. Below it, the most recent calls:"
                    " '= ?' while a call");
    lines.push_back(" runs, '(denied)' for calls the policy refused. Exempt"
                    " calls are not seen.");
    return frame;
  }
  if (view.info.state == device::MonitorState::awaiting) {
    lines.push_back("");
    lines.push_back(" The process executed a new program; waiting for its"
                    " monitor to register.");
    return frame;
  }
  if (!view.head || !view.rates || !view.recent) {
    return frame;
  }

  // Summary, a blank, the table header and rows, a blank, the tail title.
  const std::size_t fixed = 5;
  const std::size_t free = body > fixed ? body - fixed : 0;
  const auto rows = view.rates->rows(state.sort);
  const std::size_t table_rows = std::min(rows.size(), free / 2);
  lines.push_back("");
  for (auto& line : render_top(rows, table_rows)) {
    lines.push_back(" " + line);
  }
  lines.push_back("");
  lines.push_back(std::string(" Recent calls (table sorted by ")
                  + (state.sort == SortKey::calls ? "calls" : "time") + "):");
  const std::size_t tail = body > lines.size() ? body - lines.size() : 0;
  const auto& records = view.recent->records();
  std::vector<std::string> recent;
  for (auto it = records.rbegin(); it != records.rend() && recent.size() < tail;
       ++it) {
    recent.push_back(" " + call_line(it->second));
  }
  lines.insert(lines.end(), recent.rbegin(), recent.rend());
  return frame;
}

} // namespace monitor
