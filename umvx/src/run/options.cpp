#include "run/options.hpp"

#include "device/group_info.hpp"
#include "monitor/format.hpp"

#include <charconv>

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

std::string
variants_range()
{
  return "1 to " + std::to_string(device::group_max);
}

// "3" as a number of variants, 1 to device::group_max.
util::Result<std::uint32_t, std::string>
parse_variants(const std::string& text)
{
  const bool digits_only
    = !text.empty()
      && text.find_first_not_of("0123456789") == std::string::npos;
  std::uint32_t n = 0;
  if (digits_only) {
    const auto [end, ec]
      = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc() && end == text.data() + text.size() && n >= 1
        && n <= device::group_max) {
      return n;
    }
  }
  return usage_error("invalid number of variants '" + text + "' (use "
                     + variants_range() + ")");
}

// What the scan has seen that is checked once it is complete.
struct Seen
{
  std::optional<std::uint32_t> variants; // -n
  std::optional<std::string> pid_option; // -p or --pid, as written
};

// Checks the group options as a whole and settles options.variants.
util::Result<void, std::string>
check_group(Options& options, const Seen& seen)
{
  const std::size_t files = options.variant_files.size();
  if (files > device::group_max) {
    return usage_error("too many --variant options: " + std::to_string(files)
                       + " (use " + variants_range() + ")");
  }
  if (seen.variants && files > 0 && *seen.variants != files) {
    return usage_error("option '-n " + std::to_string(*seen.variants)
                       + "' does not match the " + std::to_string(files)
                       + " --variant options");
  }
  options.variants
    = seen.variants ? *seen.variants : static_cast<std::uint32_t>(files);
  if (seen.pid_option) {
    if (!options.group()) {
      return usage_error("unknown option '" + *seen.pid_option + "' for run");
    }
    // -p names a running process; a group's variants are started by umvx.
    return usage_error(std::string("options '")
                       + (seen.variants ? "-n" : "--variant") + "' and '"
                       + *seen.pid_option + "' cannot be used together");
  }
  if (options.report && !options.group()) {
    return usage_error("option '--report' requires -n or --variant");
  }
  return {};
}

// The value of the option at args[i]: attached (attached_at, if not npos)
// or the next argument.
util::Result<std::string, std::string>
option_value(const std::vector<std::string>& args,
             std::size_t& i,
             const std::string& name,
             std::size_t attached_at)
{
  if (attached_at != std::string::npos) {
    return args[i].substr(attached_at);
  }
  if (i + 1 < args.size()) {
    return args[++i];
  }
  return usage_error("option '" + name + "' requires an argument");
}

} // namespace

util::Result<Options, std::string>
parse(const std::vector<std::string>& args)
{
  Options options;
  Seen seen;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      if (auto checked = check_group(options, seen); !checked) {
        return util::fail(checked.error());
      }
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

    // -n N, -nN; -p PID, -pPID (only to refuse it).
    if (arg[1] == 'n' || arg[1] == 'p') {
      const std::string name = arg.substr(0, 2);
      auto value
        = option_value(args, i, name, arg.size() > 2 ? 2 : std::string::npos);
      if (!value) {
        return util::fail(value.error());
      }
      if (arg[1] == 'p') {
        seen.pid_option = name;
        continue;
      }
      auto n = parse_variants(*value);
      if (!n) {
        return util::fail(n.error());
      }
      seen.variants = *n;
      continue;
    }

    const auto equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    const bool has_value = equals != std::string::npos;
    const std::size_t attached = has_value ? equals + 1 : std::string::npos;
    if (name == "--variants" || name == "--pid") {
      auto value = option_value(args, i, name, attached);
      if (!value) {
        return util::fail(value.error());
      }
      if (name == "--pid") {
        seen.pid_option = name;
        continue;
      }
      auto n = parse_variants(*value);
      if (!n) {
        return util::fail(n.error());
      }
      seen.variants = *n;
    } else if (name == "--variant" || name == "--report") {
      auto value = option_value(args, i, name, attached);
      if (!value) {
        return util::fail(value.error());
      }
      if (value->empty()) {
        return usage_error("option '" + name + "' requires a file name");
      }
      if (name == "--variant") {
        options.variant_files.push_back(*value);
      } else {
        options.report = *value;
      }
    } else if (name == "--policy" || name == "--exempt") {
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
  if (auto checked = check_group(options, seen); !checked) {
    return util::fail(checked.error());
  }
  return usage_error("no program given (use umvx run [OPTIONS] -- PROGRAM"
                     " [ARGS...])");
}

std::string
usage_text()
{
  static_assert(device::group_max == 8, "the text below says 1 to 8");
  return "Usage: umvx run [--policy FILE] [--exempt LIST]"
         " [--allow-unmonitored-exec]\n"
         "                [-n N | --variant FILE...] [--report FILE]\n"
         "                -- PROGRAM [ARGS...]\n"
         "\n"
         "Run PROGRAM with libmvx, the in-process monitor, preloaded: every\n"
         "system call it makes goes through the monitor and its policy.\n"
         "With -n or --variant, run a group of variants of it in lockstep\n"
         "through the kmvx module, and stop them all at the first call\n"
         "that differs.\n"
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
         "  -n, --variants N          run N variants of PROGRAM (1 to 8),\n"
         "                            variant 0 being the leader\n"
         "  --variant FILE            one variant that executes FILE, with\n"
         "                            PROGRAM as its argv[0]; once per variant,\n"
         "                            leader first\n"
         "  --report FILE             with a group, write the result as JSON\n"
         "                            to FILE\n"
         "\n"
         "Environment:\n"
         "  MVX_LIBMVX                the libmvx.so to preload\n"
         "  MVX_DEVICE                the device node of a group instead of\n"
         "                            /dev/mvx\n"
         "\n"
         "Exit status: PROGRAM's (the leader's), 128+N if a signal N killed\n"
         "it, 124 the variants diverged, 125 umvx failed, 126 PROGRAM cannot\n"
         "be executed, 127 PROGRAM not found, 2 usage error.\n";
}

} // namespace run
