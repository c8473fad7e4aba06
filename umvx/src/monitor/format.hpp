#pragma once

#include "monitor/ring.hpp"

#include <cstdint>
#include <string>

namespace monitor {

// "openat", or "syscall_N" for a number without a name.
std::string syscall_name(std::uint64_t nr);

// "ENOENT", "ERESTARTSYS" (the kernel's own codes too), or "E123" for a
// value without a name.
std::string errno_name(std::uint64_t err);

// The number of the system call named name, or of a decimal number below
// device::syscall_max; nothing for anything else.
std::optional<std::uint32_t> syscall_number(const std::string& name);

// A call in strace's form:
//   [1234] openat(AT_FDCWD, 0x7ffd1234, 0x80000) = 3
//   [1234] openat(AT_FDCWD, 0x7ffd1234, 0) = -1 ENOENT
//   [1234] read(0, 0x7ffd5678, 4096) = ? ERESTARTSYS (To be restarted if
//          SA_RESTART is set)                       (a signal came first)
//   [1234] read(0, 0x7ffd5678, 4096) = ?                 (still running)
//   [1234] unlink(0x55d0c0de) = -1 EPERM (denied)
//   [1234] kill(1, 9) = ? (killed by the policy)
// Known system calls show as many arguments as they take, decoded by
// kind (descriptors and AT_FDCWD, pointers in hex, NULL, flags in hex,
// modes in octal, counts in decimal); others show all six in hex.
std::string call_line(const Record& record);

// The result part alone: "3", "-1 ENOENT", "0x7f12a000", "?",
// "? ERESTART_RESTARTBLOCK (Interrupted by signal)".
std::string result_text(const Record& record);

} // namespace monitor
