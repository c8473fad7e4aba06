#include "inspect/json.hpp"

#include "inspect/decode.hpp"

namespace inspect {

nlohmann::ordered_json
to_json(const Report& report)
{
  auto fds = nlohmann::ordered_json::array();
  for (const auto& fd : report.list.fds) {
    fds.push_back({
      {"fd", fd.fd},
      {"cloexec", fd.cloexec},
      {"open_flags", fd.open_flags},
      {"access", access_name(fd.open_flags)},
      {"flags", flag_names(fd.open_flags)},
      {"type", type_name(fd.type)},
      {"pos", fd.pos},
      {"dev_major", dev_major(fd.dev)},
      {"dev_minor", dev_minor(fd.dev)},
      {"rdev_major", dev_major(fd.rdev)},
      {"rdev_minor", dev_minor(fd.rdev)},
      {"ino", fd.ino},
      {"size", fd.size},
      {"uid", fd.uid},
      {"gid", fd.gid},
      {"mode", fd.mode},
      {"mode_string", mode_string(fd.mode)},
      {"path", fd.path},
    });
  }

  nlohmann::ordered_json out = {
    {"pid", report.pid},
    {"comm", nullptr},
    {"total", report.list.total},
    {"fds", std::move(fds)},
  };
  if (report.comm) {
    out["comm"] = *report.comm;
  }
  if (report.monitor) {
    out["monitor"] = monitor::to_json(*report.monitor);
  }
  return out;
}

std::string
render_json(const Report& report)
{
  return to_json(report).dump(
           2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
         + "\n";
}

} // namespace inspect
