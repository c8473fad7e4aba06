#include "app/run.hpp"

#include "cli/options.hpp"
#include "device/list.hpp"
#include "monitor/plain.hpp"
#include "proc/cmdline.hpp"
#include "proc/comm.hpp"
#include "session/destination.hpp"
#include "session/plain.hpp"
#include "session/run.hpp"
#include "session/text.hpp"
#include "util/strings.hpp"

#include <unistd.h>

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

std::unique_ptr<session::Ui>
make_ui(Context& context, const session::View& view, bool screen)
{
  if (screen && context.make_screen_ui) {
    if (auto ui = context.make_screen_ui(view, context.err)) {
      return ui;
    }
  }
  return context.make_plain_ui(view, context.err);
}

int
run_session(Context& context, const cli::Options& options)
{
  auto device = context.open_device(context.device_path);
  if (!device) {
    return report(context, device.error());
  }
  // Opened before the device is asked to change anything, so that a
  // destination umvx may not write leaves the target untouched.
  auto destination = session::open_destination(options.path, options.truncate);
  if (!destination) {
    context.err << "umvx: " << util::escape_control(options.path) << ": "
                << util::error_text(destination.error().err) << '\n';
    return exit_failed;
  }
  auto before = device::list_open_fds(**device, options.pid);
  if (!before) {
    return report(context, before.error());
  }
  auto view = session::make_view(
    options.pid,
    options.fd,
    options.mode,
    options.path,
    *before,
    context.read_cmdline ? context.read_cmdline(options.pid) : std::nullopt);

  auto ui = make_ui(context, view, context.interactive && !options.no_tui);
  auto started = session::start(
    **device, options.pid, options.fd, options.mode, destination->get());
  // The device holds the destination now.
  destination->reset();
  if (!started) {
    ui.reset();
    return report(context, started.error());
  }
  auto ending = session::run(*started, *ui);
  // The terminal is restored before anything is printed.
  ui.reset();
  if (!ending) {
    return report(context, ending.error());
  }
  context.err << "umvx: " << session::ending_line(view, *ending) << '\n';
  return exit_ok;
}

std::unique_ptr<monitor::Ui>
make_monitor_ui(Context& context, bool screen)
{
  if (screen && context.make_monitor_screen) {
    if (auto ui = context.make_monitor_screen(context.out)) {
      return ui;
    }
  }
  return context.make_monitor_plain(context.out);
}

int
watch_monitor(Context& context, const cli::Options& options)
{
  // One open device for the whole watch: the one that has seen the
  // monitor active keeps its records after the process exits.
  auto device = context.open_device(context.device_path);
  if (!device) {
    return report(context, device.error());
  }
  // Asked before the screen opens, so that a process that is not
  // monitored gets its one line on a normal terminal.
  auto info = (*device)->monitor_info(options.pid);
  if (!info) {
    return report(context, info.error());
  }
  if (info->state == device::MonitorState::none) {
    context.err << "umvx: process " << options.pid << " is not monitored\n";
    return exit_failed;
  }
  auto ui = make_monitor_ui(context, context.interactive && !options.no_tui);
  auto ending = monitor::watch(
    **device,
    options.pid,
    context.read_cmdline ? context.read_cmdline(options.pid) : std::nullopt,
    *ui,
    context.clock ? context.clock : monitor::Clock(monitor::monotonic_ns));
  // The terminal is restored before anything is printed.
  ui.reset();
  if (!ending) {
    return report(context, ending.error());
  }
  if (const auto line = monitor::ending_line(options.pid, *ending);
      !line.empty()) {
    context.err << "umvx: " << line << '\n';
  }
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
  context.read_cmdline = [](pid_t pid) { return proc::read_cmdline(pid); };
  context.interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  context.make_plain_ui = session::make_plain_ui;
  context.make_monitor_plain
    = [](std::ostream& out) { return monitor::make_plain_ui(out); };
  context.clock = monitor::monotonic_ns;
  context.run_surroundings = run::system_surroundings();
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
    const bool run = !args.empty() && args.front() == "run";
    context.err << "umvx: " << options.error().message << '\n'
                << "Try 'umvx " << (run ? "run " : "")
                << "--help' for more information.\n";
    return exit_usage;
  }

  switch (options->action) {
  case cli::Action::help:
    context.out << cli::usage_text();
    return exit_ok;
  case cli::Action::version:
    context.out << version_text();
    return exit_ok;
  case cli::Action::session:
    return run_session(context, *options);
  case cli::Action::monitor:
    return watch_monitor(context, *options);
  case cli::Action::run:
    if (options->run.help) {
      context.out << run::usage_text();
      return exit_ok;
    }
    {
      // A group is made on the device umvx uses for everything else.
      auto surroundings = context.run_surroundings;
      surroundings.device_path = context.device_path;
      surroundings.open_device = context.open_device;
      return context.execute(options->run, surroundings, context.err);
    }
  case cli::Action::inspect:
    break;
  }
  return inspect_process(context, *options);
}

} // namespace app
