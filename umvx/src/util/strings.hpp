#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace util {

// strerror(err) with a lowercase first letter, as strace prints it.
std::string error_text(int err);

// s with control characters and backslashes escaped (\n, \t, \\, \ooo), so
// that a file name cannot break a line of output. Other bytes, UTF-8
// included, pass through.
std::string escape_control(std::string_view s);

// value in hexadecimal with a 0x prefix, as strace prints addresses:
// "0x7f0000001000".
std::string hex_text(std::uint64_t value);

// "SIGKILL"; nullptr for a number without a name.
const char* signal_name(int sig);

// How a process ended, from its wait(2) status: "exited with status 3",
// "was killed by SIGKILL", "was killed by SIGSEGV (core dumped)", "was
// killed by signal 40".
std::string wait_status_text(int status);

// parts with separator between each two: {"a", "b"}, ", " gives "a, b".
std::string join(const std::vector<std::string>& parts, const char* separator);

} // namespace util
