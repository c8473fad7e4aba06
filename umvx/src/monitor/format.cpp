#include "monitor/format.hpp"

#include "util/strings.hpp"

#include <syscalls.h>

#include <charconv>
#include <cstdio>
#include <string_view>

namespace monitor {

namespace {

// How an argument is shown.
enum Kind : char
{
  fd = 'f',    // a descriptor: signed decimal
  dirfd = 'd', // a descriptor or AT_FDCWD
  ptr = 'p',   // an address: hex, NULL for 0
  hex = 'x',   // flags: hex, 0 for 0
  num = 'i',   // a signed number
  unum = 'u',  // a count or size
  mode = 'o',  // permission bits: octal
};

// The arguments of the system calls seen most, one letter per argument
// (see Kind), from their kernel prototypes (x86_64).
struct Signature
{
  std::string_view name;
  std::string_view args;
};

constexpr Signature signatures[] = {
  {"read", "fpu"},
  {"write", "fpu"},
  {"open", "pxo"},
  {"close", "f"},
  {"stat", "pp"},
  {"fstat", "fp"},
  {"lstat", "pp"},
  {"poll", "pui"},
  {"lseek", "fix"},
  {"mmap", "puxxfu"},
  {"mprotect", "pux"},
  {"munmap", "pu"},
  {"brk", "p"},
  {"rt_sigaction", "ippu"},
  {"rt_sigprocmask", "ippu"},
  {"rt_sigreturn", ""},
  {"ioctl", "fxp"},
  {"pread64", "fpui"},
  {"pwrite64", "fpui"},
  {"readv", "fpu"},
  {"writev", "fpu"},
  {"access", "po"},
  {"pipe", "p"},
  {"select", "ipppp"},
  {"sched_yield", ""},
  {"mremap", "puuxp"},
  {"msync", "pux"},
  {"madvise", "pui"},
  {"dup", "f"},
  {"dup2", "ff"},
  {"pause", ""},
  {"nanosleep", "pp"},
  {"getitimer", "ip"},
  {"alarm", "u"},
  {"setitimer", "ipp"},
  {"getpid", ""},
  {"sendfile", "ffpu"},
  {"socket", "iix"},
  {"connect", "fpu"},
  {"accept", "fpp"},
  {"sendto", "fpuxpu"},
  {"recvfrom", "fpuxpp"},
  {"sendmsg", "fpx"},
  {"recvmsg", "fpx"},
  {"shutdown", "fi"},
  {"bind", "fpu"},
  {"listen", "fi"},
  {"getsockname", "fpp"},
  {"getpeername", "fpp"},
  {"socketpair", "iixp"},
  {"setsockopt", "fiipu"},
  {"getsockopt", "fiipp"},
  {"clone", "xppup"},
  {"fork", ""},
  {"vfork", ""},
  {"execve", "ppp"},
  {"exit", "i"},
  {"wait4", "ipxp"},
  {"kill", "ii"},
  {"uname", "p"},
  {"fcntl", "fix"},
  {"flock", "fi"},
  {"fsync", "f"},
  {"fdatasync", "f"},
  {"truncate", "pi"},
  {"ftruncate", "fi"},
  {"getdents", "fpu"},
  {"getcwd", "pu"},
  {"chdir", "p"},
  {"fchdir", "f"},
  {"rename", "pp"},
  {"mkdir", "po"},
  {"rmdir", "p"},
  {"creat", "po"},
  {"link", "pp"},
  {"unlink", "p"},
  {"symlink", "pp"},
  {"readlink", "ppu"},
  {"chmod", "po"},
  {"fchmod", "fo"},
  {"chown", "pii"},
  {"fchown", "fii"},
  {"umask", "o"},
  {"gettimeofday", "pp"},
  {"getrlimit", "ip"},
  {"getrusage", "ip"},
  {"sysinfo", "p"},
  {"getuid", ""},
  {"getgid", ""},
  {"setuid", "i"},
  {"setgid", "i"},
  {"geteuid", ""},
  {"getegid", ""},
  {"setpgid", "ii"},
  {"getppid", ""},
  {"getpgrp", ""},
  {"setsid", ""},
  {"rt_sigpending", "pu"},
  {"rt_sigtimedwait", "pppu"},
  {"rt_sigsuspend", "pu"},
  {"sigaltstack", "pp"},
  {"statfs", "pp"},
  {"fstatfs", "fp"},
  {"prctl", "ixxxx"},
  {"arch_prctl", "ix"},
  {"setrlimit", "ip"},
  {"sync", ""},
  {"gettid", ""},
  {"tkill", "ii"},
  {"time", "p"},
  {"futex", "pixppx"},
  {"sched_setaffinity", "iup"},
  {"sched_getaffinity", "iup"},
  {"getdents64", "fpu"},
  {"set_tid_address", "p"},
  {"fadvise64", "fiui"},
  {"timer_create", "ipp"},
  {"clock_gettime", "ip"},
  {"clock_getres", "ip"},
  {"clock_nanosleep", "ixpp"},
  {"exit_group", "i"},
  {"epoll_wait", "fpii"},
  {"epoll_ctl", "fifp"},
  {"tgkill", "iii"},
  {"openat", "dpxo"},
  {"mkdirat", "dpo"},
  {"fchownat", "dpiix"},
  {"newfstatat", "dppx"},
  {"unlinkat", "dpx"},
  {"renameat", "dpdp"},
  {"linkat", "dpdpx"},
  {"symlinkat", "pdp"},
  {"readlinkat", "dppu"},
  {"fchmodat", "dpo"},
  {"faccessat", "dpo"},
  {"pselect6", "ipppp"},
  {"ppoll", "puppu"},
  {"set_robust_list", "pu"},
  {"get_robust_list", "ipp"},
  {"splice", "fpfpux"},
  {"tee", "ffux"},
  {"utimensat", "dppx"},
  {"epoll_pwait", "fpiipu"},
  {"timerfd_create", "ix"},
  {"eventfd", "u"},
  {"fallocate", "fiii"},
  {"accept4", "fppx"},
  {"eventfd2", "ux"},
  {"epoll_create1", "x"},
  {"dup3", "ffx"},
  {"pipe2", "px"},
  {"preadv", "fpuii"},
  {"pwritev", "fpuii"},
  {"recvmmsg", "fpuxp"},
  {"prlimit64", "iipp"},
  {"sendmmsg", "fpux"},
  {"getcpu", "ppp"},
  {"getrandom", "pux"},
  {"memfd_create", "px"},
  {"execveat", "dpppx"},
  {"copy_file_range", "fpfpux"},
  {"preadv2", "fpuiix"},
  {"pwritev2", "fpuiix"},
  {"statx", "dpxxp"},
  {"rseq", "puxx"},
  {"clone3", "pu"},
  {"close_range", "uux"},
  {"openat2", "dppu"},
  {"faccessat2", "dpox"},
  {"epoll_pwait2", "fpippu"},
};

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
  case dirfd:
    // The kernel takes the low 32 bits of a descriptor.
    if (static_cast<std::int32_t>(value) == -100) {
      return "AT_FDCWD";
    }
    return std::to_string(static_cast<std::int32_t>(value));
  case fd:
    return std::to_string(static_cast<std::int32_t>(value));
  case ptr:
    return value == 0 ? "NULL" : util::hex_text(value);
  case hex:
    return value == 0 ? "0" : util::hex_text(value);
  case num:
    return std::to_string(signed_value);
  case unum:
    return std::to_string(value);
  case mode: {
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

const Signature*
signature_of(std::string_view name)
{
  for (const auto& signature : signatures) {
    if (signature.name == name) {
      return &signature;
    }
  }
  return nullptr;
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
  const Signature* signature = signature_of(name);
  std::string_view kinds = signature ? signature->args : "xxxxxx";
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
