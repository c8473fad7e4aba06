#include "util/strings.hpp"

#include <sys/wait.h>

#include <cctype>
#include <csignal>
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

const char*
signal_name(int sig)
{
  struct Name
  {
    int sig;
    const char* name;
  };
  static constexpr Name names[] = {
    {SIGHUP, "SIGHUP"},       {SIGINT, "SIGINT"},       {SIGQUIT, "SIGQUIT"},
    {SIGILL, "SIGILL"},       {SIGTRAP, "SIGTRAP"},     {SIGABRT, "SIGABRT"},
    {SIGBUS, "SIGBUS"},       {SIGFPE, "SIGFPE"},       {SIGKILL, "SIGKILL"},
    {SIGUSR1, "SIGUSR1"},     {SIGSEGV, "SIGSEGV"},     {SIGUSR2, "SIGUSR2"},
    {SIGPIPE, "SIGPIPE"},     {SIGALRM, "SIGALRM"},     {SIGTERM, "SIGTERM"},
    {SIGSTKFLT, "SIGSTKFLT"}, {SIGCHLD, "SIGCHLD"},     {SIGCONT, "SIGCONT"},
    {SIGSTOP, "SIGSTOP"},     {SIGTSTP, "SIGTSTP"},     {SIGTTIN, "SIGTTIN"},
    {SIGTTOU, "SIGTTOU"},     {SIGURG, "SIGURG"},       {SIGXCPU, "SIGXCPU"},
    {SIGXFSZ, "SIGXFSZ"},     {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"},
    {SIGWINCH, "SIGWINCH"},   {SIGIO, "SIGIO"},         {SIGPWR, "SIGPWR"},
    {SIGSYS, "SIGSYS"},
  };
  for (const auto& name : names) {
    if (name.sig == sig) {
      return name.name;
    }
  }
  return nullptr;
}

std::string
wait_status_text(int status)
{
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = signal_name(sig);
    std::string text
      = "was killed by "
        + (name ? std::string(name) : "signal " + std::to_string(sig));
    if (WCOREDUMP(status)) {
      text += " (core dumped)";
    }
    return text;
  }
  return "exited with status " + std::to_string(WEXITSTATUS(status));
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
