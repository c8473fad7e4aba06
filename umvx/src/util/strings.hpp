#pragma once

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

// parts with separator between each two: {"a", "b"}, ", " gives "a, b".
std::string join(const std::vector<std::string>& parts, const char* separator);

} // namespace util
