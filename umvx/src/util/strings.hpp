#pragma once

#include <string>
#include <string_view>

namespace util {

// strerror(err) with a lowercase first letter, as strace prints it.
std::string error_text(int err);

// s with control characters and backslashes escaped (\n, \t, \\, \ooo), so
// that a file name cannot break a line of output. Other bytes, UTF-8
// included, pass through.
std::string escape_control(std::string_view s);

} // namespace util
