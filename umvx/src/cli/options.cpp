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
  bool monitor = false;
  bool json = false;
  std::optional<int> remap_fd;
  std::optional<int> duplicate_fd;
  bool truncate = false;
  bool no_tui = false;
  // -n or --variants, as written: an option of umvx run only.
  std::optional<std::string> variants_option;
  std::vector<std::string> operands;
};

// Returns an Action when the option ends parsing (--help, --version).
using Step = util::Result<std::optional<Action>, UsageError>;

// Parses the value of an option that takes one into seen.
using ValueSetter = Step (*)(Seen& seen, const std::string& value);

Step
set_pid(Seen& seen, const std::string& text)
{
  auto pid = parse_pid(text);
  if (!pid) {
    return util::fail(pid.error());
  }
  seen.pid = *pid;
  return std::optional<Action>();
}

Step
set_remap_fd(Seen& seen, const std::string& text)
{
  auto fd = parse_fd(text);
  if (!fd) {
    return util::fail(fd.error());
  }
  seen.remap_fd = *fd;
  return std::optional<Action>();
}

Step
set_duplicate_fd(Seen& seen, const std::string& text)
{
  auto fd = parse_fd(text);
  if (!fd) {
    return util::fail(fd.error());
  }
  seen.duplicate_fd = *fd;
  return std::optional<Action>();
}

Step
set_variants_long(Seen& seen, const std::string&)
{
  seen.variants_option = "--variants";
  return std::optional<Action>();
}

Step
set_variants_short(Seen& seen, const std::string&)
{
  seen.variants_option = "-n";
  return std::optional<Action>();
}

ValueSetter
long_option_with_value(const std::string& name)
{
  if (name == "--pid") {
    return set_pid;
  }
  if (name == "--remap") {
    return set_remap_fd;
  }
  if (name == "--duplicate") {
    return set_duplicate_fd;
  }
  if (name == "--variants") {
    return set_variants_long;
  }
  return nullptr;
}

ValueSetter
short_option_with_value(char letter)
{
  switch (letter) {
  case 'p':
    return set_pid;
  case 'c':
    return set_remap_fd;
  case 'd':
    return set_duplicate_fd;
  case 'n':
    return set_variants_short;
  default:
    return nullptr;
  }
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

  if (auto set = long_option_with_value(name)) {
    if (has_value) {
      return set(seen, arg.substr(equals + 1));
    }
    if (i + 1 >= args.size()) {
      return usage_error("option '" + name + "' requires an argument");
    }
    return set(seen, args[++i]);
  }

  std::optional<Action> action;
  if (name == "--inspect") {
    seen.inspect = true;
  } else if (name == "--monitor") {
    seen.monitor = true;
  } else if (name == "--json") {
    seen.json = true;
  } else if (name == "--truncate") {
    seen.truncate = true;
  } else if (name == "--no-tui") {
    seen.no_tui = true;
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
    if (auto set = short_option_with_value(arg[j])) {
      if (j + 1 < arg.size()) {
        return set(seen, arg.substr(j + 1));
      }
      if (i + 1 >= args.size()) {
        return usage_error(std::string("option '-") + arg[j]
                           + "' requires an argument");
      }
      return set(seen, args[++i]);
    }
    switch (arg[j]) {
    case 'i':
      seen.inspect = true;
      break;
    case 'm':
      seen.monitor = true;
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

util::Result<Options, UsageError>
check_session(const Seen& seen)
{
  const bool remap = seen.remap_fd.has_value();
  const char* option = remap ? "-c" : "-d";
  if (seen.operands.empty()) {
    return usage_error(std::string("no destination given (use ") + option
                       + " FD PATH)");
  }
  if (seen.operands.size() > 1) {
    return usage_error("unexpected argument '" + seen.operands[1] + "'");
  }
  if (seen.json) {
    return usage_error("option '--json' requires -i");
  }
  if (!seen.pid) {
    return usage_error("no process given (use -p PID)");
  }

  Options options;
  options.action = Action::session;
  options.pid = *seen.pid;
  options.mode
    = remap ? device::SessionMode::remap : device::SessionMode::duplicate;
  options.fd = remap ? *seen.remap_fd : *seen.duplicate_fd;
  options.path = seen.operands.front();
  options.truncate = seen.truncate;
  options.no_tui = seen.no_tui;
  return options;
}

util::Result<Options, UsageError>
check_inspect(const Seen& seen)
{
  if (!seen.operands.empty()) {
    return usage_error("unexpected argument '" + seen.operands.front() + "'");
  }
  if (seen.truncate) {
    return usage_error("option '--truncate' requires -c or -d");
  }
  if (seen.no_tui && !seen.monitor) {
    return usage_error("option '--no-tui' requires -c, -d or -m");
  }
  if (seen.json && !seen.inspect) {
    return usage_error("option '--json' requires -i");
  }
  if (seen.inspect && seen.monitor) {
    return usage_error("options '-i' and '-m' cannot be used together");
  }
  if (!seen.inspect && !seen.monitor) {
    return usage_error("nothing to do (use -i, -m, -c, -d or run)");
  }
  if (!seen.pid) {
    return usage_error("no process given (use -p PID)");
  }

  Options options;
  options.action = seen.monitor ? Action::monitor : Action::inspect;
  options.pid = *seen.pid;
  options.json = seen.json;
  options.no_tui = seen.no_tui;
  return options;
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

util::Result<int, UsageError>
parse_fd(const std::string& text)
{
  const bool digits_only
    = !text.empty()
      && text.find_first_not_of("0123456789") == std::string::npos;
  int fd = -1;
  if (digits_only) {
    const auto [end, ec]
      = std::from_chars(text.data(), text.data() + text.size(), fd);
    if (ec == std::errc() && end == text.data() + text.size()) {
      return fd;
    }
  }
  return usage_error("invalid fd '" + text + "'");
}

util::Result<Options, UsageError>
parse(const std::vector<std::string>& args)
{
  if (!args.empty() && args.front() == "run") {
    auto run = run::parse({args.begin() + 1, args.end()});
    if (!run) {
      return usage_error(run.error());
    }
    Options options;
    options.action = Action::run;
    options.run = std::move(*run);
    return options;
  }

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

  // umvx -p PID -n N: a group runs new processes, never PID.
  if (seen.variants_option) {
    if (seen.pid) {
      return usage_error("options '" + *seen.variants_option
                         + "' and '-p' cannot be used together");
    }
    return usage_error("option '" + *seen.variants_option
                       + "' belongs to run (use umvx run -n N -- PROGRAM)");
  }

  const bool remap = seen.remap_fd.has_value();
  const bool duplicate = seen.duplicate_fd.has_value();
  if (remap && duplicate) {
    return usage_error("options '-c' and '-d' cannot be used together");
  }
  for (const auto& [given, name] :
       {std::pair{seen.inspect, "-i"}, std::pair{seen.monitor, "-m"}}) {
    if (given && (remap || duplicate)) {
      return usage_error(std::string("options '") + name + "' and '"
                         + (remap ? "-c" : "-d") + "' cannot be used together");
    }
  }
  return remap || duplicate ? check_session(seen) : check_inspect(seen);
}

std::string
usage_text()
{
  return "Usage: umvx -p PID -i [--json]\n"
         "       umvx -p PID -m [--no-tui]\n"
         "       umvx -p PID -c FD PATH [--truncate] [--no-tui]\n"
         "       umvx -p PID -d FD PATH [--truncate] [--no-tui]\n"
         "       umvx run [--policy FILE] [--exempt LIST]"
         " [--allow-unmonitored-exec]\n"
         "                [-n N | --variant FILE...] [--report FILE]"
         " -- PROGRAM [ARGS...]\n"
         "       umvx -h | -V\n"
         "\n"
         "Inspect a process through the mvx kernel module, watch the system\n"
         "calls of a monitored one, redirect or copy what it writes to one\n"
         "of its file descriptors, or run a program under libmvx, the\n"
         "in-process monitor, alone or as a group of variants in lockstep\n"
         "(see 'umvx run --help').\n"
         "\n"
         "Options:\n"
         "  -p, --pid PID         the process to act on\n"
         "  -i, --inspect         list the open file descriptors of PID and\n"
         "                        say whether it is monitored\n"
         "  -m, --monitor         watch the system calls of a monitored PID\n"
         "      --json            print the list as JSON instead of a table\n"
         "  -c, --remap FD        from now on, PID's writes on FD go only to\n"
         "                        PATH\n"
         "  -d, --duplicate FD    PID keeps writing to FD, and every byte is\n"
         "                        also written to PATH\n"
         "      --truncate        empty PATH first instead of appending to it\n"
         "      --no-tui          no session screen: a status line on stderr\n"
         "                        every second; with -m, one line per call\n"
         "                        on stdout\n"
         "  -h, --help            print this help and exit\n"
         "  -V, --version         print the version and exit\n"
         "\n"
         "umvx opens or creates PATH (mode 0644, less the umask) itself.\n"
         "The session lasts until q in the session screen, SIGINT, SIGTERM\n"
         "or SIGHUP, or until PID exits or executes a new program; the\n"
         "kernel restores PID's FD however umvx ends.\n"
         "Screen keys: q end the session and quit, p pause or resume,\n"
         "? help. With -m: q quit (PID keeps running), c/t sort by calls or\n"
         "time, ? help.\n"
         "\n"
         "In the table, '*' after a descriptor number marks close-on-exec.\n"
         "\n"
         "Environment:\n"
         "  MVX_DEVICE            the device node to use instead of /dev/mvx\n"
         "\n"
         "Exit status: 0 success (also when a session ended), 1 the request\n"
         "failed (also: PID is not monitored, for -m), 2 usage error, 3 the\n"
         "mvx device is unusable. umvx run: see 'umvx run --help'.\n";
}

} // namespace cli
