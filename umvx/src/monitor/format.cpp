#include "monitor/format.hpp"

#include "util/strings.hpp"

#include <syscalls.h>

#include <charconv>
#include <cstdio>
#include <string_view>

namespace monitor {

namespace {

// Codes the kernel keeps for itself (include/linux/errno.h), above the
// errno values of the uapi headers. The four restart codes tell the signal
// code what to do with an interrupted call; the task never sees them, but
// the hook takes a call's result at its exit, before signals are handled,
// and the log keeps that. As strace does, they show as "? NAME (what
// happens)": the call's real result is still to come. ENOIOCTLCMD is an
// ordinary error that escaped its conversion to ENOTTY.
struct KernelCode
{
  std::uint64_t value;
  const char* name;
  const char* restart; // nullptr: an error like any other
};

constexpr KernelCode kernel_codes[] = {
  {512, "ERESTARTSYS", "To be restarted if SA_RESTART is set"},
  {513, "ERESTARTNOINTR", "To be restarted"},
  {514, "ERESTARTNOHAND", "To be restarted if no handler"},
  {515, "ENOIOCTLCMD", nullptr},
  {516, "ERESTART_RESTARTBLOCK", "Interrupted by signal"},
};

const KernelCode*
kernel_code(std::uint64_t err)
{
  for (const auto& code : kernel_codes) {
    if (code.value == err) {
      return &code;
    }
  }
  return nullptr;
}

// The system calls whose result is an address.
bool
returns_address(std::string_view name)
{
  return name == "mmap" || name == "mremap" || name == "brk" || name == "shmat";
}

std::string
argument(char kind, std::uint64_t value)
{
  const auto signed_value = static_cast<std::int64_t>(value);
  switch (kind) {
  case MVX_ARG_DIRFD:
    // The kernel takes the low 32 bits of a descriptor.
    if (static_cast<std::int32_t>(value) == -100) {
      return "AT_FDCWD";
    }
    return std::to_string(static_cast<std::int32_t>(value));
  case MVX_ARG_FD:
    return std::to_string(static_cast<std::int32_t>(value));
  case MVX_ARG_PTR:
    return value == 0 ? "NULL" : util::hex_text(value);
  case MVX_ARG_HEX:
    return value == 0 ? "0" : util::hex_text(value);
  case MVX_ARG_NUM:
    return std::to_string(signed_value);
  case MVX_ARG_UNUM:
    return std::to_string(value);
  case MVX_ARG_MODE: {
    if (value == 0) {
      return "0";
    }
    char buf[32];
    std::snprintf(
      buf, sizeof(buf), "0%llo", static_cast<unsigned long long>(value));
    return buf;
  }
  default:
    return util::hex_text(value);
  }
}

} // namespace

std::string
syscall_name(std::uint64_t nr)
{
  if (const char* name = mvx_syscall_name(nr)) {
    return name;
  }
  return "syscall_" + std::to_string(nr);
}

std::string
errno_name(std::uint64_t err)
{
  if (const char* name = mvx_errno_name(err)) {
    return name;
  }
  if (const KernelCode* code = kernel_code(err)) {
    return code->name;
  }
  return "E" + std::to_string(err);
}

std::optional<std::uint32_t>
syscall_number(const std::string& name)
{
  if (!name.empty()
      && name.find_first_not_of("0123456789") == std::string::npos) {
    std::uint32_t nr = 0;
    const auto [end, ec]
      = std::from_chars(name.data(), name.data() + name.size(), nr);
    if (ec == std::errc() && end == name.data() + name.size()
        && nr < device::syscall_max) {
      return nr;
    }
    return std::nullopt;
  }
  const long nr = mvx_syscall_number(name.data(), name.size());
  if (nr < 0) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(nr);
}

std::string
result_text(const Record& record)
{
  // A denied call never ran: its result is the policy's.
  if (!record.done && !record.denied) {
    return "?";
  }
  const std::int64_t result = record.result;
  if (result < 0 && result >= -4095) {
    const auto err = static_cast<std::uint64_t>(-result);
    if (const KernelCode* code = kernel_code(err); code && code->restart) {
      return std::string("? ") + code->name + " (" + code->restart + ")";
    }
    return "-1 " + errno_name(err);
  }
  if (returns_address(syscall_name(record.nr))) {
    return util::hex_text(static_cast<std::uint64_t>(result));
  }
  return std::to_string(result);
}

std::string
call_line(const Record& record)
{
  const std::string name = syscall_name(record.nr);
  std::string line = "[" + std::to_string(record.tid) + "] " + name + "(";
  const char* args = mvx_syscall_args(record.nr);
  std::string_view kinds = args ? args : "xxxxxx";
  // As strace: the mode of open and openat only when it is used.
  constexpr std::uint64_t o_creat = 0100;
  constexpr std::uint64_t o_tmpfile = 020000000;
  if ((name == "open" || name == "openat") && !kinds.empty()) {
    const std::uint64_t flags = record.args[kinds.size() - 2];
    if ((flags & (o_creat | o_tmpfile)) == 0) {
      kinds.remove_suffix(1);
    }
  }
  for (std::size_t i = 0; i < kinds.size() && i < record.args.size(); ++i) {
    if (i > 0) {
      line += ", ";
    }
    line += argument(kinds[i], record.args[i]);
  }
  line += ") = ";
  if (record.killed) {
    return line + "? (killed by the policy)";
  }
  line += result_text(record);
  if (record.denied) {
    line += " (denied)";
  }
  return line;
}

} // namespace monitor
