#include "inspect/inspect.hpp"

#include "device/list.hpp"
#include "inspect/json.hpp"
#include "inspect/text.hpp"
#include "monitor/status.hpp"

namespace inspect {

util::Result<std::string, device::Error>
run(device::Device& device,
    pid_t pid,
    Format format,
    const CommReader& read_comm)
{
  auto list = device::list_open_fds(device, pid);
  if (!list) {
    return util::fail(list.error());
  }

  Report report;
  report.pid = pid;
  // Read after the listing so that a missing process is reported by the
  // device, with its reason.
  report.comm = read_comm ? read_comm(pid) : std::nullopt;
  report.list = std::move(*list);

  auto monitor = monitor::read_status(device, pid);
  if (!monitor) {
    return util::fail(monitor.error());
  }
  report.monitor = std::move(*monitor);

  return format == Format::json ? render_json(report) : render_text(report);
}

} // namespace inspect
