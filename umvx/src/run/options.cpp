#include "run/options.hpp"

#include "monitor/format.hpp"

namespace run {

namespace {

util::Failure<std::string>
usage_error(std::string message)
{
  return util::fail(std::move(message));
}

// Splits LIST at commas into options.exempt, checking every name.
util::Result<void, std::string>
add_exempt(Options& options, const std::string& list)
{
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = list.find(',', start);
    const std::string name = list.substr(start, comma - start);
    if (name.empty()) {
      return usage_error("empty system call name in --exempt '" + list + "'");
    }
    if (!monitor::syscall_number(name)) {
      return usage_error("unknown system call '" + name + "' in --exempt");
    }
    options.exempt.push_back(name);
    if (comma == std::string::npos) {
      return {};
    }
    start = comma + 1;
  }
}

} // namespace

util::Result<Options, std::string>
parse(const std::vector<std::string>& args)
{
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      options.argv.assign(args.begin() + static_cast<long>(i) + 1, args.end());
      if (options.argv.empty()) {
        return usage_error("no program given after '--'");
      }
      return options;
    }
    if (arg == "-h" || arg == "--help") {
      options.help = true;
      return options;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      return usage_error("missing '--' before the program '" + arg + "'");
    }

    const auto equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    const bool has_value = equals != std::string::npos;
    if (name == "--policy" || name == "--exempt") {
      std::string value;
      if (has_value) {
        value = arg.substr(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return usage_error("option '" + name + "' requires an argument");
      }
      if (name == "--policy") {
        if (value.empty()) {
          return usage_error("option '--policy' requires a file name");
        }
        options.policy = value;
      } else if (auto added = add_exempt(options, value); !added) {
        return util::fail(added.error());
      }
    } else if (name == "--allow-unmonitored-exec") {
      if (has_value) {
        return usage_error("option '" + name + "' doesn't allow an argument");
      }
      options.allow_unmonitored_exec = true;
    } else {
      return usage_error("unknown option '" + name + "' for run");
    }
  }
  return usage_error("no program given (use umvx run [OPTIONS] -- PROGRAM"
                     " [ARGS...])");
}

std::string
usage_text()
{
  return "Usage: umvx run [--policy FILE] [--exempt LIST]"
         " [--allow-unmonitored-exec]\n"
         "                -- PROGRAM [ARGS...]\n"
         "\n"
         "Run PROGRAM with libmvx, the in-process monitor, preloaded: every\n"
         "system call it makes goes through the monitor and its policy.\n"
         "\n"
         "Options:\n"
         "  --policy FILE             the policy (mvx-policy(5)); without it,\n"
         "                            everything is allowed\n"
         "  --exempt LIST             comma-separated system calls (names or\n"
         "                            numbers) that are not forwarded; may be\n"
         "                            given more than once\n"
         "  --allow-unmonitored-exec  let PROGRAM execute programs that cannot\n"
         "                            load libmvx (they run unmonitored), and\n"
         "                            run a static PROGRAM unmonitored\n"
         "\n"
         "Environment:\n"
         "  MVX_LIBMVX                the libmvx.so to preload\n"
         "\n"
         "Exit status: PROGRAM's, 128+N if a signal N killed it, 125 umvx\n"
         "failed, 126 PROGRAM cannot be executed, 127 PROGRAM not found,\n"
         "2 usage error.\n";
}

} // namespace run
