#include "monitor/status.hpp"

#include "monitor/format.hpp"
#include "util/strings.hpp"

namespace monitor {

namespace {

// " excursions " is the longest label with its blanks.
constexpr std::size_t value_column = 14;

std::string
row(const char* label, const std::string& value)
{
  std::string line = "  ";
  line += label;
  line.resize(value_column, ' ');
  return line + value + "\n";
}

const char*
state_key(device::MonitorState state)
{
  switch (state) {
  case device::MonitorState::awaiting:
    return "awaiting";
  case device::MonitorState::active:
    return "active";
  case device::MonitorState::exited:
    return "exited";
  case device::MonitorState::none:
    break;
  }
  return "none";
}

const char*
action_key(Action action)
{
  switch (action) {
  case Action::deny:
    return "deny";
  case Action::kill:
    return "kill";
  case Action::allow:
    break;
  }
  return "allow";
}

} // namespace

util::Result<Status, device::Error>
read_status(device::Device& device, pid_t pid)
{
  auto info = device.monitor_info(pid);
  if (!info) {
    return util::fail(info.error());
  }
  Status status;
  status.info = std::move(*info);
  if (status.info.state == device::MonitorState::active) {
    Reader reader(device, pid, status.info.records_size);
    auto head = reader.read_head();
    if (head) {
      status.head = std::move(*head);
    } else {
      status.head_error = head.error();
    }
  }
  return status;
}

std::string
action_text(Action action, std::uint32_t err)
{
  if (action == Action::deny) {
    return std::string("deny ") + errno_name(err);
  }
  return action_key(action);
}

std::string
prot_text(std::uint32_t prot)
{
  std::string text = "---";
  if (prot & device::prot_read) {
    text[0] = 'r';
  }
  if (prot & device::prot_write) {
    text[1] = 'w';
  }
  if (prot & device::prot_exec) {
    text[2] = 'x';
  }
  return text;
}

std::vector<std::string>
exempt_names(const device::MonitorInfo& info)
{
  std::vector<std::string> names;
  for (std::size_t nr = 0; nr < info.exempt.size(); ++nr) {
    if (info.exempt.test(nr)) {
      names.push_back(syscall_name(nr));
    }
  }
  return names;
}

std::string
state_text(device::MonitorState state)
{
  switch (state) {
  case device::MonitorState::awaiting:
    return "awaiting its monitor after execve";
  case device::MonitorState::active:
    return "monitored";
  case device::MonitorState::exited:
    return "exited";
  case device::MonitorState::none:
    break;
  }
  return "not monitored";
}

std::string
render_text(const Status& status)
{
  const auto& info = status.info;
  std::string out = "\nmonitor: " + state_text(info.state) + "\n";
  if (info.state != device::MonitorState::active) {
    return out;
  }
  if (status.head) {
    const auto& head = *status.head;
    out += row("policy",
               head.policy.empty() ? "default"
                                   : util::escape_control(head.policy));
    out += row("default", action_text(head.default_action, head.default_errno));
    out += row("rules", std::to_string(head.rules));
  } else if (status.head_error) {
    out += row("policy", "unknown: " + device::describe(*status.head_error));
  }
  const auto names = exempt_names(info);
  out += row("exempt",
             names.empty()
               ? "none"
               : std::to_string(names.size()) + ": " + util::join(names, ", "));
  if (status.head) {
    out += row("forwarded",
               std::to_string(status.head->calls) + " calls, "
                 + std::to_string(status.head->denied) + " denied");
    if (status.head->allow_unmonitored_exec) {
      out += row("exec", "unmonitored programs allowed");
    }
  }
  out += row("excursions", std::to_string(info.excursions));
  out += row("refused",
             std::to_string(info.refused) + " tamper attempt"
               + (info.refused == 1 ? "" : "s"));
  const char* label = "ranges";
  for (const auto& range : info.ranges) {
    out += row(label,
               util::hex_text(range.start) + "-" + util::hex_text(range.end)
                 + " " + prot_text(range.prot));
    label = "";
  }
  out += row("entry", util::hex_text(info.entry));
  out += row("records",
             util::hex_text(info.records) + ", "
               + std::to_string(info.records_size) + " bytes");
  return out;
}

nlohmann::ordered_json
to_json(const Status& status)
{
  const auto& info = status.info;
  nlohmann::ordered_json out = {
    {"state", state_key(info.state)},
    {"policy", nullptr},
    {"default_action", nullptr},
    {"default_errno", nullptr},
    {"rules", nullptr},
    {"exempt", nlohmann::ordered_json::array()},
    {"calls", nullptr},
    {"denied", nullptr},
    {"excursions", nullptr},
    {"refused", nullptr},
    {"allow_unmonitored_exec", nullptr},
    {"ranges", nlohmann::ordered_json::array()},
    {"entry", nullptr},
    {"records", nullptr},
    {"records_size", nullptr},
  };
  if (info.state != device::MonitorState::active) {
    return out;
  }
  if (status.head) {
    const auto& head = *status.head;
    // The default policy has no file.
    if (!head.policy.empty()) {
      out["policy"] = head.policy;
    }
    out["default_action"] = action_key(head.default_action);
    if (head.default_action == Action::deny) {
      out["default_errno"] = errno_name(head.default_errno);
    }
    out["rules"] = head.rules;
    out["calls"] = head.calls;
    out["denied"] = head.denied;
    out["allow_unmonitored_exec"] = head.allow_unmonitored_exec;
  }
  out["exempt"] = exempt_names(info);
  out["excursions"] = info.excursions;
  out["refused"] = info.refused;
  for (const auto& range : info.ranges) {
    out["ranges"].push_back({{"start", range.start},
                             {"end", range.end},
                             {"prot", prot_text(range.prot)}});
  }
  out["entry"] = info.entry;
  out["records"] = info.records;
  out["records_size"] = info.records_size;
  return out;
}

} // namespace monitor
