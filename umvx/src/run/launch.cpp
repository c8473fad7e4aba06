#include "run/launch.hpp"

#include "run/elf.hpp"
#include "run/environment.hpp"
#include "util/fd.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <ostream>

extern char** environ;

namespace run {

namespace {

// Passed on to PROGRAM when sent to umvx.
constexpr int forwarded_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

int
file_error(const std::string& path)
{
  return ::access(path.c_str(), F_OK) == 0 ? 0 : errno;
}

// Opening is the check libmvx will make.
int
readable_error(const std::string& path)
{
  util::Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  return fd ? 0 : errno;
}

// NULL-terminated pointers into strings, made before fork() so that the
// child only calls execve().
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

// Blocks the forwarded signals and SIGCHLD while it lives, and receives
// them through a signalfd.
class SignalRelay
{
public:
  SignalRelay()
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

  SignalRelay(const SignalRelay&) = delete;
  SignalRelay& operator=(const SignalRelay&) = delete;

  ~SignalRelay()
  {
    sigprocmask(SIG_SETMASK, &m_old_mask, nullptr);
  }

  bool
  ok() const
  {
    return m_fd.valid();
  }

  const sigset_t&
  old_mask() const
  {
    return m_old_mask;
  }

  // Waits for child to end, passing signals on; its wait status.
  int
  relay_until_exit(pid_t child)
  {
    for (;;) {
      int status = 0;
      const pid_t done = ::waitpid(child, &status, WNOHANG);
      if (done == child || (done < 0 && errno != EINTR)) {
        // ECHILD: someone else reaped it; its status is lost.
        return done == child ? status : exit_failed << 8;
      }
      signalfd_siginfo info;
      const ssize_t n = ::read(m_fd.get(), &info, sizeof(info));
      if (n != sizeof(info)) {
        continue;
      }
      // A signal from the terminal went to the whole foreground process
      // group, PROGRAM included: passing it on would deliver it twice.
      if (info.ssi_signo != SIGCHLD && info.ssi_code != SI_KERNEL) {
        ::kill(child, static_cast<int>(info.ssi_signo));
      }
    }
  }

private:
  util::Fd m_fd;
  sigset_t m_old_mask;
};

} // namespace

Surroundings
system_surroundings()
{
  Surroundings s;
  for (char** e = environ; e && *e; ++e) {
    s.environ.emplace_back(*e);
  }
  char buf[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n > 0) {
    s.self_exe.assign(buf, static_cast<std::size_t>(n));
  }
  if (const char* lib = std::getenv("MVX_LIBMVX"); lib && *lib) {
    s.mvx_libmvx = lib;
  }
#ifdef UMVX_LIBMVX_DEFAULT
  s.installed_libmvx = UMVX_LIBMVX_DEFAULT;
#endif
  if (::getcwd(buf, sizeof(buf))) {
    s.cwd = buf;
  }
  if (const char* path = std::getenv("PATH")) {
    s.path = path;
  }
  return s;
}

int
exit_status(int wait_status)
{
  if (WIFEXITED(wait_status)) {
    return WEXITSTATUS(wait_status);
  }
  if (WIFSIGNALED(wait_status)) {
    return 128 + WTERMSIG(wait_status);
  }
  return exit_failed;
}

int
execute(const Options& options,
        const Surroundings& surroundings,
        std::ostream& err)
{
  std::optional<std::string> policy;
  if (options.policy) {
    if (const int e = readable_error(*options.policy); e != 0) {
      err << "umvx: " << *options.policy << ": " << std::strerror(e) << '\n';
      return exit_failed;
    }
    policy = absolute_path(*options.policy, surroundings.cwd);
  }

  LibmvxPlaces places;
  places.env = surroundings.mvx_libmvx;
  places.beside = beside_umvx(surroundings.self_exe);
  places.installed = surroundings.installed_libmvx;
  auto libmvx = find_libmvx(places, file_error);
  if (!libmvx) {
    err << "umvx: " << libmvx.error() << '\n';
    return exit_failed;
  }

  const std::string& program = options.argv.front();
  auto path = resolve(program, surroundings.path);
  if (!path) {
    err << "umvx: " << program << ": " << std::strerror(path.error()) << '\n';
    return path.error() == ENOENT ? exit_not_found : exit_cannot_execute;
  }
  auto linked = linkage(*path);
  if (!linked) {
    err << "umvx: " << program << ": " << std::strerror(linked.error()) << '\n';
    return exit_cannot_execute;
  }
  if (*linked == Linkage::static_elf && !options.allow_unmonitored_exec) {
    err << "umvx: " << program
        << " is statically linked and cannot load libmvx (use"
           " --allow-unmonitored-exec to run it unmonitored)\n";
    return exit_failed;
  }

  auto env = make_environment(surroundings.environ, *libmvx, options, policy);
  auto args = options.argv;
  const auto envp = c_strings(env);
  const auto argv = c_strings(args);

  // The child reports a failed execve() through this pipe; a successful
  // one closes it.
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    err << "umvx: pipe: " << std::strerror(errno) << '\n';
    return exit_failed;
  }
  util::Fd report_read(fds[0]);
  util::Fd report_write(fds[1]);

  SignalRelay relay;
  if (!relay.ok()) {
    err << "umvx: signalfd: " << std::strerror(errno) << '\n';
    return exit_failed;
  }
  err.flush();
  const pid_t child = ::fork();
  if (child < 0) {
    err << "umvx: fork: " << std::strerror(errno) << '\n';
    return exit_failed;
  }
  if (child == 0) {
    ::sigprocmask(SIG_SETMASK, &relay.old_mask(), nullptr);
    ::execve(path->c_str(), argv.data(), envp.data());
    const int e = errno;
    [[maybe_unused]] ssize_t ignored
      = ::write(report_write.get(), &e, sizeof(e));
    ::_exit(exit_not_found);
  }
  report_write.reset();

  int exec_errno = 0;
  ssize_t n;
  do {
    n = ::read(report_read.get(), &exec_errno, sizeof(exec_errno));
  } while (n < 0 && errno == EINTR);
  if (n == sizeof(exec_errno)) {
    int status;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    err << "umvx: " << program << ": " << std::strerror(exec_errno) << '\n';
    return exec_errno == ENOENT ? exit_not_found : exit_cannot_execute;
  }
  return exit_status(relay.relay_until_exit(child));
}

} // namespace run
