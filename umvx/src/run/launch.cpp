#include "run/launch.hpp"

#include "run/children.hpp"
#include "run/elf.hpp"
#include "run/environment.hpp"
#include "run/group.hpp"
#include "util/fd.hpp"

#include <fcntl.h>
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

// The files of --variant, each as execve() will find it, into launch.
// The error is the exit status, reported on err: a file that cannot be
// executed is a usage error.
util::Result<void, int>
resolve_variants(const Options& options,
                 const Surroundings& surroundings,
                 Launch& launch,
                 std::ostream& err)
{
  for (const auto& file : options.variant_files) {
    auto path = resolve(file, surroundings.path);
    if (!path) {
      err << "umvx: --variant " << file << ": " << std::strerror(path.error())
          << '\n';
      return util::fail(exit_usage);
    }
    launch.files.push_back(*path);
    launch.names.push_back(file);
  }
  return {};
}

// PROGRAM, once per variant (once without a group), into launch.
util::Result<void, int>
resolve_program(const Options& options,
                const Surroundings& surroundings,
                Launch& launch,
                std::ostream& err)
{
  const std::string& program = options.argv.front();
  auto path = resolve(program, surroundings.path);
  if (!path) {
    err << "umvx: " << program << ": " << std::strerror(path.error()) << '\n';
    return util::fail(path.error() == ENOENT ? exit_not_found
                                             : exit_cannot_execute);
  }
  const std::size_t children = options.group() ? options.variants : 1;
  launch.files.assign(children, *path);
  launch.names.assign(children, program);
  return {};
}

// Refuses a file of launch that cannot load libmvx: a static one, unless
// allowed and without a group.
util::Result<void, int>
check_linkage(const Options& options, const Launch& launch, std::ostream& err)
{
  for (std::size_t i = 0; i < launch.files.size(); ++i) {
    // PROGRAM's checks are the same for every variant.
    if (i > 0 && launch.files[i] == launch.files[i - 1]) {
      continue;
    }
    const std::string& name = launch.names[i];
    auto linked = linkage(launch.files[i]);
    if (!linked) {
      err << "umvx: " << name << ": " << std::strerror(linked.error()) << '\n';
      return util::fail(exit_cannot_execute);
    }
    if (*linked != Linkage::static_elf) {
      continue;
    }
    // A variant whose monitor never registers is killed by the kernel at
    // its first call: unmonitored execution is no option in a group.
    if (options.group()) {
      err << "umvx: " << name
          << " is statically linked and cannot load libmvx, which every"
             " variant of a group needs\n";
      return util::fail(exit_failed);
    }
    if (!options.allow_unmonitored_exec) {
      err << "umvx: " << name
          << " is statically linked and cannot load libmvx (use"
             " --allow-unmonitored-exec to run it unmonitored)\n";
      return util::fail(exit_failed);
    }
  }
  return {};
}

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
  // What each child executes: every --variant FILE, or PROGRAM.
  Launch launch;
  if (auto resolved = resolve_variants(options, surroundings, launch, err);
      !resolved) {
    return resolved.error();
  }

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

  if (launch.files.empty()) {
    if (auto resolved = resolve_program(options, surroundings, launch, err);
        !resolved) {
      return resolved.error();
    }
  }
  if (auto checked = check_linkage(options, launch, err); !checked) {
    return checked.error();
  }
  launch.env = make_environment(surroundings.environ, *libmvx, options, policy);
  // With --variant, PROGRAM is only every variant's argv[0]: the variants
  // see the same arguments, whichever file each executes.
  launch.argv = options.argv;
  if (options.group()) {
    return execute_group(options, launch, surroundings, err);
  }

  const auto envp = c_strings(launch.env);
  const auto argv = c_strings(launch.argv);
  SignalRelay relay;
  if (!relay.ok()) {
    err << "umvx: signalfd: " << std::strerror(errno) << '\n';
    return exit_failed;
  }
  err.flush();
  auto started = start_children(
    launch.files, argv.data(), envp.data(), relay.old_mask(), nullptr);
  if (!started) {
    return report_start_failure(
      started.error(),
      launch.names,
      [](std::size_t, int e) { return std::string(std::strerror(e)); },
      err);
  }
  return exit_status(relay.relay_until_exit(*started).front());
}

} // namespace run
