#include "run/group.hpp"

#include "run/children.hpp"
#include "run/divergence.hpp"
#include "util/fd.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ostream>

namespace run {

namespace {

// 0, or the errno of the write that failed.
int
write_all(int fd, const std::string& text)
{
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno;
    }
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

int
device_failure(const device::Error& error, std::ostream& err)
{
  err << "umvx: " << device::describe(error) << '\n';
  return exit_failed;
}

} // namespace

int
execute_group(const Options& options,
              Launch& launch,
              const Surroundings& surroundings,
              std::ostream& err)
{
  // Created before anything starts, so that a report that cannot be
  // written costs no run.
  util::Fd report;
  if (options.report) {
    report.reset(::open(
      options.report->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!report) {
      err << "umvx: " << *options.report << ": " << std::strerror(errno)
          << '\n';
      return exit_failed;
    }
  }

  if (!surroundings.open_device) {
    err << "umvx: " << surroundings.device_path << ": cannot be opened\n";
    return exit_failed;
  }
  // Open until every variant has ended: its descriptor is the group's
  // controller. Opened close-on-exec, so that no variant keeps it.
  auto opened = surroundings.open_device(surroundings.device_path);
  if (!opened) {
    return device_failure(opened.error(), err);
  }
  device::Device& device = **opened;
  if (auto made = device.create_group(options.variants); !made) {
    return device_failure(made.error(), err);
  }

  const auto envp = c_strings(launch.env);
  const auto argv = c_strings(launch.argv);
  SignalRelay relay;
  if (!relay.ok()) {
    err << "umvx: signalfd: " << std::strerror(errno) << '\n';
    return exit_failed;
  }
  err.flush();
  // Each child joins on the descriptor it inherited, then executes.
  const BeforeExec join = [&device](std::size_t index) {
    auto joined = device.join_group(static_cast<std::uint32_t>(index));
    return joined ? 0 : joined.error().err;
  };
  auto started = start_children(
    launch.files, argv.data(), envp.data(), relay.old_mask(), join);
  if (!started) {
    const auto describe_join = [&surroundings](std::size_t index, int e) {
      return device::describe(device::Error::group_join_failed(
        surroundings.device_path, static_cast<std::uint32_t>(index), e));
    };
    return report_start_failure(
      started.error(), launch.names, describe_join, err);
  }

  GroupOutcome outcome;
  outcome.pids = *started;
  outcome.wait_statuses = relay.relay_until_exit(*started);
  auto status = device.group_status();
  if (!status) {
    return device_failure(status.error(), err);
  }
  outcome.status = *status;

  const auto divergence = find_divergence(outcome);
  if (divergence) {
    err << divergence_text(outcome, *divergence);
  }
  if (report) {
    if (const int e = write_all(report.get(), report_json(outcome, divergence));
        e != 0) {
      err << "umvx: " << *options.report << ": " << std::strerror(e) << '\n';
      return exit_failed;
    }
  }
  return group_exit_status(outcome, divergence);
}

} // namespace run
