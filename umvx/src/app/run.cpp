#include "app/run.hpp"

#include "cli/options.hpp"
#include "proc/comm.hpp"

#include <ostream>

namespace app {

namespace {

int
report(Context& context, const device::Error& error)
{
  context.err << "umvx: " << device::describe(error) << '\n';
  return device::device_unusable(error) ? exit_device : exit_failed;
}

int
inspect_process(Context& context, const cli::Options& options)
{
  auto device = context.open_device(context.device_path);
  if (!device) {
    return report(context, device.error());
  }
  const auto format
    = options.json ? inspect::Format::json : inspect::Format::text;
  auto output = inspect::run(**device, options.pid, format, context.read_comm);
  if (!output) {
    return report(context, output.error());
  }
  context.out << *output;
  return exit_ok;
}

} // namespace

Context
system_context(std::ostream& out, std::ostream& err, const char* mvx_device_env)
{
  Context context(out, err);
  if (mvx_device_env && *mvx_device_env) {
    context.device_path = mvx_device_env;
  }
  context.open_device = device::open_mvx;
  context.read_comm = [](pid_t pid) { return proc::read_comm(pid); };
  return context;
}

std::string
version_text()
{
  return "umvx " UMVX_VERSION " (mvx API version "
         + std::to_string(device::api_version) + ")\n";
}

int
run(const std::vector<std::string>& args, Context& context)
{
  auto options = cli::parse(args);
  if (!options) {
    context.err << "umvx: " << options.error().message << '\n'
                << "Try 'umvx --help' for more information.\n";
    return exit_usage;
  }

  switch (options->action) {
  case cli::Action::help:
    context.out << cli::usage_text();
    return exit_ok;
  case cli::Action::version:
    context.out << version_text();
    return exit_ok;
  case cli::Action::inspect:
    break;
  }
  return inspect_process(context, *options);
}

} // namespace app
