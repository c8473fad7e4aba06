#pragma once

#include "device/device.hpp"
#include "monitor/ring.hpp"

#include <nlohmann/json.hpp>

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace monitor {

// What umvx -i shows about a process's monitor: the kernel's view, and,
// for an active monitor, the start of its record area.
struct Status
{
  device::MonitorInfo info;
  std::optional<Head> head;
  // Why there is no head although the monitor is active.
  std::optional<device::Error> head_error;
};

// Asks the device about pid's monitor and, if it is active, reads the
// start of its record area. Only the first request's failure fails this;
// the record area may be gone by the time it is read, or be unreadable.
util::Result<Status, device::Error> read_status(device::Device& device,
                                                pid_t pid);

// "allow", "deny EPERM", "kill".
std::string action_text(Action action, std::uint32_t err);

// "r-x" from device::MonitorProt bits.
std::string prot_text(std::uint32_t prot);

// The names of the exempt system calls, lowest number first.
std::vector<std::string> exempt_names(const device::MonitorInfo& info);

// "monitored", "not monitored", "awaiting its monitor after execve",
// "exited".
std::string state_text(device::MonitorState state);

// The monitor section of umvx -i, starting with a blank line:
//
//   monitor: monitored
//     policy      /etc/p.policy
//     default     deny EPERM
//     rules       4
//     exempt      2: getpid, clock_gettime
//     forwarded   1523 calls, 3 denied
//     excursions  1530
//     refused     0 tamper attempts
//     ranges      0x7f0000000000-0x7f0000004000 r-x
//                 ...
//     entry       0x7f0000001000
//     records     0x7f0000005000, 38736 bytes
std::string render_text(const Status& status);

// {"state", "policy", "default_action", "default_errno", "rules",
// "exempt", "calls", "denied", "excursions", "refused",
// "allow_unmonitored_exec", "ranges": [{"start", "end", "prot"}],
// "entry", "records", "records_size"}; what is unknown is null.
nlohmann::ordered_json to_json(const Status& status);

} // namespace monitor
