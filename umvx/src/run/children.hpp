#pragma once

#include "util/fd.hpp"
#include "util/result.hpp"

#include <signal.h>
#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace run {

// Blocks the signals umvx run passes on (SIGINT, SIGTERM, SIGHUP, SIGQUIT)
// and SIGCHLD while it lives, and receives them through a signalfd.
class SignalRelay
{
public:
  SignalRelay();
  SignalRelay(const SignalRelay&) = delete;
  SignalRelay& operator=(const SignalRelay&) = delete;
  ~SignalRelay();

  bool ok() const;

  // The mask umvx had before: the one its children get back.
  const sigset_t& old_mask() const;

  // Waits for every one of children to end, passing the signals on to
  // those still running; their wait statuses, in the same order.
  std::vector<int> relay_until_exit(const std::vector<pid_t>& children);

private:
  util::Fd m_fd;
  sigset_t m_old_mask;
};

// NULL-terminated pointers into strings, made before fork() so that a
// child only calls execve().
std::vector<char*> c_strings(std::vector<std::string>& strings);

// Why start_children() failed.
struct StartFailure
{
  enum class Stage
  {
    pipe,   // the pipe children report through could not be made
    fork,   // fork() failed
    before, // the child's before_exec failed
    exec,   // execve() failed
  };
  std::size_t index = 0; // the child
  Stage stage = Stage::fork;
  int err = 0; // errno
};

// What a child does after fork() and before execve(): 0, or an errno
// value that makes it give up.
using BeforeExec = std::function<int(std::size_t index)>;

// Starts one child per entry of files: child i restores mask, runs
// before_exec(i) if given, then executes files[i] with argv and envp
// (null-terminated). Returns their pids once every child has executed
// its file. If any fails, the children started are killed (SIGKILL) and
// reaped, and the first failure is returned.
util::Result<std::vector<pid_t>, StartFailure> start_children(
  const std::vector<std::string>& files,
  char* const* argv,
  char* const* envp,
  const sigset_t& mask,
  const BeforeExec& before_exec);

// Reports failure on err in one line and returns umvx run's exit status
// for it: 125 for pipe, fork and before_exec (whose errno
// describe_before turns into words), 127 if execve() found no file, 126
// otherwise. names are the files as the operator gave them.
int report_start_failure(
  const StartFailure& failure,
  const std::vector<std::string>& names,
  const std::function<std::string(std::size_t index, int err)>& describe_before,
  std::ostream& err);

} // namespace run
