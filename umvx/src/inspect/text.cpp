#include "inspect/text.hpp"

#include "inspect/decode.hpp"
#include "util/strings.hpp"
#include "util/table.hpp"

namespace inspect {

std::string
summary_line(const Report& report)
{
  std::string line = "pid " + std::to_string(report.pid);
  if (report.comm) {
    line += " (" + util::escape_control(*report.comm) + ")";
  }
  const auto total = report.list.total;
  line += ": " + std::to_string(total) + " open file descriptor"
          + (total == 1 ? "" : "s");
  if (report.list.fds.size() < total) {
    line += ", " + std::to_string(report.list.fds.size()) + " shown";
  }
  return line + "\n";
}

std::string
render_text(const Report& report)
{
  using Align = util::Table::Align;
  // The FD cells end in '*' or ' ', so the header gets a blank too and the
  // digits stay right-aligned.
  util::Table table({
    {"FD ", Align::right},
    {"TYPE", Align::left},
    {"ACCESS", Align::left},
    {"FLAGS", Align::left},
    {"POS", Align::right},
    {"DEV", Align::right},
    {"INODE", Align::right},
    {"MODE", Align::left},
    {"UID", Align::right},
    {"GID", Align::right},
    {"PATH", Align::left},
  });

  for (const auto& fd : report.list.fds) {
    const auto flags = flag_names(fd.open_flags);
    table.add_row({
      std::to_string(fd.fd) + (fd.cloexec ? "*" : " "),
      type_name(fd.type),
      access_name(fd.open_flags),
      flags.empty() ? "-" : util::join(flags, ","),
      std::to_string(fd.pos),
      device_number(fd.dev),
      std::to_string(fd.ino),
      mode_string(fd.mode),
      std::to_string(fd.uid),
      std::to_string(fd.gid),
      util::escape_control(fd.path),
    });
  }

  std::string out = summary_line(report);
  if (!report.list.fds.empty()) {
    out += table.render();
  }
  if (report.monitor) {
    out += monitor::render_text(*report.monitor);
  }
  return out;
}

} // namespace inspect
