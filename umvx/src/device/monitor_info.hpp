#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <vector>

namespace device {

// Whether a process hands its system calls to an in-process monitor.
enum class MonitorState
{
  none,     // not monitored
  awaiting, // it executed a new program whose monitor has not registered
  active,
  exited, // it has exited, and this device watched its monitor until then
};

// The protection bits of a monitor range during an excursion.
enum MonitorProt : std::uint32_t
{
  prot_read = 1,
  prot_write = 2,
  prot_exec = 4,
};

// One page-aligned range of monitor memory: [start, end).
struct MonitorRange
{
  std::uint64_t start = 0;
  std::uint64_t end = 0;
  std::uint32_t prot = 0; // MonitorProt bits
};

// The system call numbers an exempt set covers: 0 .. syscall_max - 1.
inline constexpr std::size_t syscall_max = 512;

// What the kernel knows of a process's monitor (MVX_IOC_MONITOR_INFO).
// Everything but state is zero unless the monitor is active or exited.
// A device that has seen a monitor active keeps its record area after the
// process exits (for a few processes, until the device is destroyed): it
// then reports exited, with the exit status, and monitor_read() still
// reads every record the process wrote.
struct MonitorInfo
{
  MonitorState state = MonitorState::none;
  std::vector<MonitorRange> ranges;
  std::uint64_t entry = 0;
  std::uint64_t records = 0; // address of the record area in the process
  std::uint64_t records_size = 0;
  std::uint64_t excursions = 0;
  std::uint64_t refused = 0; // tampering attempts refused
  std::uint32_t exempt_count = 0;
  std::bitset<syscall_max> exempt; // bit N: system call N is not forwarded
  // For exited: how the process ended, as waitpid(2) reports it
  // (WIFEXITED(), WEXITSTATUS(), WIFSIGNALED(), WTERMSIG(), WCOREDUMP()).
  std::optional<int> exit_status;
};

} // namespace device
