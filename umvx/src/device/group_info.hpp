#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace device {

// The most variants a group has (MVX_GROUP_MAX).
inline constexpr std::uint32_t group_max = 8;

// The most bytes of each side of a divergence the device shows
// (MVX_GROUP_SHOW_MAX).
inline constexpr std::uint32_t group_show_max = 32;

// The most bytes of a call's inputs, and of its outputs, a group compares
// and copies (MVX_GROUP_DATA_MAX).
inline constexpr std::uint32_t group_data_max = 4U << 20;

enum class GroupState
{
  starting, // not every variant has joined
  running,
  stopped, // the variants diverged (or one died): cause says why
  ended,   // every variant exited by the same call
  unknown, // a state this umvx does not know
};

// Why the kernel stopped a group.
enum class StopCause
{
  none,        // the group has not stopped
  unsupported, // the monitor cannot run the call in a group
  call,        // a follower made another call than the leader
  args,        // a part of the same call differs
  died,        // a variant died
  output,      // a follower's output parts could not be written
  too_large,   // the call's parts exceed group_data_max
  policy,      // the policy killed a variant
  controller,  // the controller released the group
  no_call,     // a monitor returned without describing its call
  result,      // a call (fork) succeeded in some variants only
  unknown,     // a cause this umvx does not know (cause_code)
};

// A group of variants, as the device reports it (MVX_IOC_GROUP_STATUS).
// Everything about a divergence is zero or empty unless state is stopped.
struct GroupStatus
{
  GroupState state = GroupState::unknown;
  std::uint32_t n = 0;
  StopCause cause = StopCause::none;
  std::uint32_t cause_code = 0; // the kernel's number for cause
  // The thread (lane) whose sequence seq counts in: 0 for the variants'
  // first thread, k for the k-th thread the group made. Threads of every
  // variant pair by creation, and each pair has a sequence of its own.
  std::uint32_t thread = 0;
  std::uint64_t seq = 0;     // the call, counted from 0 in thread's sequence
  std::uint32_t variant = 0; // the variant that disagreed, died, stopped
  // args: the part (0-based); nothing when the call's mode, flags or
  // the monitor's verdict differ.
  std::optional<std::uint32_t> part;
  std::uint64_t nr = 0;       // the leader's call (or the variant's)
  std::uint64_t other_nr = 0; // call: the variant's call
  // died: the variant's exit code, as wait(2) encodes it;
  // unsupported, too_large: the call.
  std::int64_t detail = 0;
  std::uint64_t offset = 0; // args: the first byte that differs
  // args: at most group_show_max bytes of each side from offset on.
  std::vector<std::uint8_t> leader_bytes;
  std::vector<std::uint8_t> variant_bytes;
  std::vector<pid_t> pids; // each variant's, 0 before it joined
};

} // namespace device
