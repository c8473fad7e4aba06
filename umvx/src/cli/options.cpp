#include "cli/options.hpp"

#include <charconv>
#include <optional>

namespace cli {

namespace {

util::Failure<UsageError>
usage_error(std::string message)
{
  return util::fail(UsageError{std::move(message)});
}

// What the scan has seen so far; checked as a whole at the end.
struct Seen
{
  std::optional<pid_t> pid;
  bool inspect = false;
  bool json = false;
  std::vector<std::string> operands;
};

// Returns an Action when the option ends parsing (--help, --version).
using Step = util::Result<std::optional<Action>, UsageError>;

Step
apply_pid(Seen& seen, const std::string& text)
{
  auto pid = parse_pid(text);
  if (!pid) {
    return util::fail(pid.error());
  }
  seen.pid = *pid;
  return std::optional<Action>();
}

Step
parse_long(Seen& seen,
           const std::string& arg,
           const std::vector<std::string>& args,
           size_t& i)
{
  const auto equals = arg.find('=');
  const std::string name = arg.substr(0, equals);
  const bool has_value = equals != std::string::npos;

  if (name == "--pid") {
    if (has_value) {
      return apply_pid(seen, arg.substr(equals + 1));
    }
    if (i + 1 >= args.size()) {
      return usage_error("option '--pid' requires an argument");
    }
    return apply_pid(seen, args[++i]);
  }

  std::optional<Action> action;
  if (name == "--inspect") {
    seen.inspect = true;
  } else if (name == "--json") {
    seen.json = true;
  } else if (name == "--help") {
    action = Action::help;
  } else if (name == "--version") {
    action = Action::version;
  } else {
    return usage_error("unknown option '" + name + "'");
  }
  if (has_value) {
    return usage_error("option '" + name + "' doesn't allow an argument");
  }
  return action;
}

Step
parse_short(Seen& seen,
            const std::string& arg,
            const std::vector<std::string>& args,
            size_t& i)
{
  for (size_t j = 1; j < arg.size(); ++j) {
    switch (arg[j]) {
    case 'p':
      if (j + 1 < arg.size()) {
        return apply_pid(seen, arg.substr(j + 1));
      }
      if (i + 1 >= args.size()) {
        return usage_error("option '-p' requires an argument");
      }
      return apply_pid(seen, args[++i]);
    case 'i':
      seen.inspect = true;
      break;
    case 'h':
      return std::optional<Action>(Action::help);
    case 'V':
      return std::optional<Action>(Action::version);
    default:
      return usage_error(std::string("unknown option '-") + arg[j] + "'");
    }
  }
  return std::optional<Action>();
}

} // namespace

util::Result<pid_t, UsageError>
parse_pid(const std::string& text)
{
  const bool digits_only
    = !text.empty()
      && text.find_first_not_of("0123456789") == std::string::npos;
  pid_t pid = 0;
  if (digits_only) {
    const auto [end, ec]
      = std::from_chars(text.data(), text.data() + text.size(), pid);
    if (ec == std::errc() && end == text.data() + text.size() && pid > 0) {
      return pid;
    }
  }
  return usage_error("invalid pid '" + text + "'");
}

util::Result<Options, UsageError>
parse(const std::vector<std::string>& args)
{
  Seen seen;
  bool options_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended || arg.size() < 2 || arg[0] != '-') {
      seen.operands.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    auto step = arg[1] == '-' ? parse_long(seen, arg, args, i)
                              : parse_short(seen, arg, args, i);
    if (!step) {
      return util::fail(step.error());
    }
    if (*step) {
      Options options;
      options.action = **step;
      return options;
    }
  }

  if (!seen.operands.empty()) {
    return usage_error("unexpected argument '" + seen.operands.front() + "'");
  }
  if (!seen.inspect) {
    if (seen.json) {
      return usage_error("option '--json' requires -i");
    }
    return usage_error("nothing to do (use -i to inspect a process)");
  }
  if (!seen.pid) {
    return usage_error("no process given (use -p PID)");
  }

  Options options;
  options.action = Action::inspect;
  options.pid = *seen.pid;
  options.json = seen.json;
  return options;
}

std::string
usage_text()
{
  return "Usage: umvx -p PID -i [--json]\n"
         "       umvx -h | -V\n"
         "\n"
         "Inspect a process through the mvx kernel module.\n"
         "\n"
         "Options:\n"
         "  -p, --pid PID   the process to act on\n"
         "  -i, --inspect   list the open file descriptors of PID\n"
         "      --json      print the list as JSON instead of a table\n"
         "  -h, --help      print this help and exit\n"
         "  -V, --version   print the version and exit\n"
         "\n"
         "In the table, '*' after a descriptor number marks close-on-exec.\n"
         "\n"
         "Environment:\n"
         "  MVX_DEVICE      the device node to use instead of /dev/mvx\n"
         "\n"
         "Exit status: 0 success, 1 the request failed, 2 usage error,\n"
         "3 the mvx device is unusable.\n";
}

} // namespace cli
