#pragma once

#include <sys/types.h>

#include <cstdint>

namespace device {

// What a session does to the target's descriptor.
enum class SessionMode
{
  remap,     // the target's writes on the descriptor land only in the file
  duplicate, // the target keeps writing, and the bytes are also copied
};

enum class SessionState
{
  active,
  paused,
  ended,
};

// Why a session ended by itself; none while it runs.
enum class EndReason
{
  none,
  exited, // the target exited
  execed, // the target executed a new program
};

enum class SessionOp
{
  pause,
  resume,
  end,
};

// A session's state and counters, as the device reports them.
struct SessionStatus
{
  SessionState state = SessionState::active;
  EndReason end_reason = EndReason::none;
  pid_t pid = 0;
  int fd = -1;
  SessionMode mode = SessionMode::remap;
  std::uint64_t writes = 0;  // write calls redirected or duplicated
  std::uint64_t bytes = 0;   // bytes redirected or duplicated
  std::uint64_t errors = 0;  // duplicate writes that failed or were short
  std::uint64_t skipped = 0; // calls on the descriptor not duplicated
  std::uint64_t attached_ns = 0;
};

// Names a session on one open device; never 0.
using SessionId = std::uint32_t;

} // namespace device
