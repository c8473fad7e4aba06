#include "util/strings.hpp"

#include <cctype>
#include <cstdio>
#include <cstring>

namespace util {

std::string
error_text(int err)
{
  std::string text = std::strerror(err);
  if (!text.empty()) {
    text[0]
      = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return text;
}

std::string
escape_control(std::string_view s)
{
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\%03o", byte);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string
hex_text(std::uint64_t value)
{
  char buf[32];
  std::snprintf(
    buf, sizeof(buf), "0x%llx", static_cast<unsigned long long>(value));
  return buf;
}

std::string
join(const std::vector<std::string>& parts, const char* separator)
{
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) {
      out += separator;
    }
    out += part;
  }
  return out;
}

} // namespace util
