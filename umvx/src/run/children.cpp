#include "run/children.hpp"

#include "run/launch.hpp"

#include <fcntl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <ostream>

namespace run {

namespace {

// Passed on to the children when sent to umvx.
constexpr int forwarded_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// What a child that failed writes to the report pipe: small enough for
// one atomic write, whichever children write at once.
struct ChildReport
{
  std::uint32_t index;
  std::int32_t stage;
  std::int32_t err;
};

// The wait status of a child that someone else reaped: its status is
// lost, and umvx run reports its own failure.
constexpr int lost_status = exit_failed << 8;

void
kill_and_reap(const std::vector<pid_t>& children)
{
  for (pid_t child : children) {
    ::kill(child, SIGKILL);
  }
  for (pid_t child : children) {
    int status;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

[[noreturn]] void
child_fails(int report_fd, std::size_t index, StartFailure::Stage stage, int e)
{
  const ChildReport report{
    static_cast<std::uint32_t>(index), static_cast<std::int32_t>(stage), e};
  [[maybe_unused]] ssize_t ignored
    = ::write(report_fd, &report, sizeof(report));
  ::_exit(stage == StartFailure::Stage::exec ? exit_not_found : exit_failed);
}

} // namespace

std::vector<char*>
c_strings(std::vector<std::string>& strings)
{
  std::vector<char*> pointers;
  for (auto& s : strings) {
    pointers.push_back(s.data());
  }
  pointers.push_back(nullptr);
  return pointers;
}

SignalRelay::SignalRelay()
{
  sigset_t set;
  sigemptyset(&set);
  for (int sig : forwarded_signals) {
    sigaddset(&set, sig);
  }
  sigaddset(&set, SIGCHLD);
  sigprocmask(SIG_BLOCK, &set, &m_old_mask);
  m_fd.reset(::signalfd(-1, &set, SFD_CLOEXEC));
}

SignalRelay::~SignalRelay()
{
  sigprocmask(SIG_SETMASK, &m_old_mask, nullptr);
}

bool
SignalRelay::ok() const
{
  return m_fd.valid();
}

const sigset_t&
SignalRelay::old_mask() const
{
  return m_old_mask;
}

std::vector<int>
SignalRelay::relay_until_exit(const std::vector<pid_t>& children)
{
  std::vector<int> statuses(children.size(), lost_status);
  std::vector<bool> running(children.size(), true);
  std::size_t left = children.size();
  for (;;) {
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (!running[i]) {
        continue;
      }
      int status = 0;
      const pid_t done = ::waitpid(children[i], &status, WNOHANG);
      if (done == children[i] || (done < 0 && errno != EINTR)) {
        // ECHILD: someone else reaped it; its status is lost.
        if (done == children[i]) {
          statuses[i] = status;
        }
        running[i] = false;
        --left;
      }
    }
    if (left == 0) {
      return statuses;
    }
    signalfd_siginfo info;
    const ssize_t n = ::read(m_fd.get(), &info, sizeof(info));
    if (n != sizeof(info)) {
      continue;
    }
    // A signal from the terminal went to the whole foreground process
    // group, the children included: passing it on would deliver it twice.
    if (info.ssi_signo == SIGCHLD || info.ssi_code == SI_KERNEL) {
      continue;
    }
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (running[i]) {
        ::kill(children[i], static_cast<int>(info.ssi_signo));
      }
    }
  }
}

util::Result<std::vector<pid_t>, StartFailure>
start_children(const std::vector<std::string>& files,
               char* const* argv,
               char* const* envp,
               const sigset_t& mask,
               const BeforeExec& before_exec)
{
  // Children report a failure through this pipe; a successful execve()
  // closes their end.
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return util::fail(StartFailure{0, StartFailure::Stage::pipe, errno});
  }
  util::Fd report_read(fds[0]);
  util::Fd report_write(fds[1]);

  std::vector<pid_t> children;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const pid_t child = ::fork();
    if (child < 0) {
      const int e = errno;
      kill_and_reap(children);
      return util::fail(StartFailure{i, StartFailure::Stage::fork, e});
    }
    if (child == 0) {
      ::sigprocmask(SIG_SETMASK, &mask, nullptr);
      if (before_exec) {
        if (const int e = before_exec(i); e != 0) {
          child_fails(report_write.get(), i, StartFailure::Stage::before, e);
        }
      }
      ::execve(files[i].c_str(), argv, envp);
      child_fails(report_write.get(), i, StartFailure::Stage::exec, errno);
    }
    children.push_back(child);
  }
  report_write.reset();

  // Every child has executed its file or failed once the pipe is closed.
  std::optional<StartFailure> failure;
  for (;;) {
    ChildReport report;
    const ssize_t n = ::read(report_read.get(), &report, sizeof(report));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n != sizeof(report)) {
      break;
    }
    if (!failure) {
      failure = StartFailure{report.index,
                             static_cast<StartFailure::Stage>(report.stage),
                             report.err};
    }
  }
  if (failure) {
    kill_and_reap(children);
    return util::fail(*failure);
  }
  return children;
}

int
report_start_failure(
  const StartFailure& failure,
  const std::vector<std::string>& names,
  const std::function<std::string(std::size_t index, int err)>& describe_before,
  std::ostream& err)
{
  switch (failure.stage) {
  case StartFailure::Stage::pipe:
    err << "umvx: pipe: " << std::strerror(failure.err) << '\n';
    return exit_failed;
  case StartFailure::Stage::fork:
    err << "umvx: fork: " << std::strerror(failure.err) << '\n';
    return exit_failed;
  case StartFailure::Stage::before:
    err << "umvx: " << describe_before(failure.index, failure.err) << '\n';
    return exit_failed;
  case StartFailure::Stage::exec:
    break;
  }
  const std::string& name = names.at(std::min(failure.index, names.size() - 1));
  err << "umvx: " << name << ": " << std::strerror(failure.err) << '\n';
  return failure.err == ENOENT ? exit_not_found : exit_cannot_execute;
}

} // namespace run
