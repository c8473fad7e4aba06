#include "app/run.hpp"
#include "cli/options.hpp"
#include "inspect/text.hpp"
#include "monitor/plain.hpp"
#include "session/plain.hpp"

#include "fake_device.hpp"
#include "ring_area.hpp"
#include "sample.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <deque>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

TEST_GROUP(App)
{
  std::ostringstream out;
  std::ostringstream err;
  app::Context context{out, err};
  std::shared_ptr<test::FakeDevice> fake = std::make_shared<test::FakeDevice>();
  std::optional<device::Error> open_error;
  std::vector<std::string> opened_paths;

  void setup() override
  {
    fake->fds = test::sample_fds();
    context.open_device = [this](const std::string& path)
      -> util::Result<std::unique_ptr<device::Device>, device::Error> {
      opened_paths.push_back(path);
      if (open_error) {
        return util::fail(*open_error);
      }
      return std::unique_ptr<device::Device>(new Shared(fake));
    };
    context.read_comm
      = [](pid_t) { return std::optional<std::string>("fakeproc"); };
  }

  int run(const std::vector<std::string>& args)
  {
    return app::run(args, context);
  }

  using Shared = test::SharedDevice;
};

TEST(App, prints_help_to_stdout_and_succeeds)
{
  LONGS_EQUAL(0, run({"--help"}));
  STRCMP_EQUAL(cli::usage_text().c_str(), out.str().c_str());
  STRCMP_EQUAL("", err.str().c_str());
  CHECK_TRUE(opened_paths.empty());
}

TEST(App, prints_the_version_and_the_api_it_was_built_for)
{
  LONGS_EQUAL(0, run({"-V"}));
  STRCMP_EQUAL("umvx " UMVX_VERSION " (mvx API version 9)\n",
               out.str().c_str());
  STRCMP_EQUAL("umvx 0.1.0 (mvx API version 9)\n", out.str().c_str());
}

TEST(App, reports_a_usage_error_in_two_lines_and_exits_2)
{
  LONGS_EQUAL(2, run({"-p", "abc", "-i"}));
  STRCMP_EQUAL("umvx: invalid pid 'abc'\n"
               "Try 'umvx --help' for more information.\n",
               err.str().c_str());
  STRCMP_EQUAL("", out.str().c_str());
  CHECK_TRUE(opened_paths.empty());
}

TEST(App, reports_an_unknown_option)
{
  LONGS_EQUAL(2, run({"--foo"}));
  STRCMP_EQUAL("umvx: unknown option '--foo'\n"
               "Try 'umvx --help' for more information.\n",
               err.str().c_str());
}

TEST(App, inspects_a_process_as_a_table)
{
  LONGS_EQUAL(0, run({"-p", "1234", "-i"}));
  STRCMP_EQUAL(inspect::render_text(test::sample_report()).c_str(),
               out.str().c_str());
  STRCMP_EQUAL("", err.str().c_str());
  LONGS_EQUAL(1234, fake->pids.at(0));
}

TEST(App, inspects_a_process_as_json)
{
  LONGS_EQUAL(0, run({"--pid=1234", "--inspect", "--json"}));
  const auto j = nlohmann::json::parse(out.str());
  LONGS_EQUAL(1234, j["pid"].get<int>());
  LONGS_EQUAL(8, j["fds"].size());
}

TEST(App, opens_dev_mvx_by_default)
{
  run({"-p", "1", "-i"});
  STRCMP_EQUAL("/dev/mvx", opened_paths.at(0).c_str());
}

TEST(App, opens_the_device_that_MVX_DEVICE_names)
{
  auto system = app::system_context(out, err, "/tmp/other-mvx");
  STRCMP_EQUAL("/tmp/other-mvx", system.device_path.c_str());
}

TEST(App, ignores_an_empty_or_unset_MVX_DEVICE)
{
  STRCMP_EQUAL("/dev/mvx",
               app::system_context(out, err, "").device_path.c_str());
  STRCMP_EQUAL("/dev/mvx",
               app::system_context(out, err, nullptr).device_path.c_str());
}

TEST(App, exits_3_when_the_module_is_not_loaded)
{
  open_error = device::Error::open_failed("/nonexistent", ENOENT);
  LONGS_EQUAL(3, run({"-p", "1", "-i"}));
  STRCMP_EQUAL("umvx: /nonexistent: no such device: the kmvx module is not"
               " loaded (load it with 'modprobe kmvx' or 'insmod kmvx.ko')\n",
               err.str().c_str());
  STRCMP_EQUAL("", out.str().c_str());
}

TEST(App, exits_3_when_the_device_may_not_be_opened)
{
  open_error = device::Error::open_failed("/dev/mvx", EACCES);
  LONGS_EQUAL(3, run({"-p", "1", "-i"}));
  STRCMP_EQUAL("umvx: /dev/mvx: permission denied (run umvx as root)\n",
               err.str().c_str());
}

TEST(App, exits_3_when_the_module_speaks_another_api)
{
  open_error = device::Error::wrong_api("/dev/mvx", 2, 1);
  LONGS_EQUAL(3, run({"-p", "1", "-i"}));
  STRCMP_EQUAL("umvx: /dev/mvx: kmvx speaks API version 2, umvx needs 1\n",
               err.str().c_str());
}

TEST(App, reports_a_bad_group_for_run_as_a_usage_error)
{
  bool executed = false;
  context.execute =
    [&executed](const run::Options&, const run::Surroundings&, std::ostream&) {
      executed = true;
      return 0;
    };
  for (const auto& [args, message] :
       std::vector<std::pair<std::vector<std::string>, std::string>>{
         {{"run", "-n", "0", "--", "x"},
          "invalid number of variants '0' (use 1 to 8)"},
         {{"run", "-n", "9", "--", "x"},
          "invalid number of variants '9' (use 1 to 8)"},
         {{"run", "-n", "abc", "--", "x"},
          "invalid number of variants 'abc' (use 1 to 8)"},
         {{"run", "-n", "2", "-p", "1", "--", "x"},
          "options '-n' and '-p' cannot be used together"},
         {{"run", "--report", "r", "--", "x"},
          "option '--report' requires -n or --variant"}}) {
    err.str("");
    LONGS_EQUAL(2, run(args));
    STRCMP_EQUAL(
      ("umvx: " + message + "\nTry 'umvx run --help' for more information.\n")
        .c_str(),
      err.str().c_str());
  }
  CHECK_FALSE(executed);
  CHECK_TRUE(opened_paths.empty());
}

TEST(App, gives_run_the_device_for_a_group)
{
  context.device_path = "/dev/mvx-other";
  context.execute = [](const run::Options& options,
                       const run::Surroundings& surroundings,
                       std::ostream&) {
    LONGS_EQUAL(2, options.variants);
    STRCMP_EQUAL("/dev/mvx-other", surroundings.device_path.c_str());
    auto device = surroundings.open_device(surroundings.device_path);
    CHECK_TRUE(device.ok());
    return 124;
  };
  LONGS_EQUAL(124, run({"run", "-n", "2", "--", "x"}));
  CHECK_TRUE(std::vector<std::string>{"/dev/mvx-other"} == opened_paths);
}

TEST(App, exits_1_for_a_process_that_does_not_exist)
{
  fake->list_errno = ESRCH;
  LONGS_EQUAL(1, run({"-p", "4242", "-i"}));
  STRCMP_EQUAL("umvx: pid 4242: no such process\n", err.str().c_str());
  STRCMP_EQUAL("", out.str().c_str());
}

TEST(App, exits_1_for_a_process_it_may_not_ptrace)
{
  fake->list_errno = EPERM;
  LONGS_EQUAL(1, run({"-p", "1", "-i"}));
  STRCMP_EQUAL("umvx: pid 1: operation not permitted"
               " (may not ptrace this process)\n",
               err.str().c_str());
}

TEST(App, exits_1_for_a_kernel_thread)
{
  fake->list_errno = EINVAL;
  LONGS_EQUAL(1, run({"-p", "2", "-i"}));
  STRCMP_EQUAL("umvx: pid 2: invalid argument"
               " (a kernel thread or an exiting process)\n",
               err.str().c_str());
}

TEST(App, exits_1_with_strerror_text_for_other_list_errors)
{
  fake->list_errno = EFAULT;
  LONGS_EQUAL(1, run({"-p", "9", "-i"}));
  STRCMP_EQUAL("umvx: pid 9: bad address\n", err.str().c_str());
}

// Sessions, with the plain Ui's lines on err and a scripted stop signal.
TEST_GROUP_BASE(AppSession, TEST_GROUP_CppUTestGroupApp)
{
  std::string dir;
  std::string path;
  // One entry per wait(): whether a stop signal arrived. Stops once empty.
  std::deque<bool> stops;
  int screens_made = 0;
  bool screen_available = true;

  void setup() override
  {
    TEST_GROUP_CppUTestGroupApp::setup();
    char name[] = "/tmp/umvx-app-XXXXXX";
    CHECK_TRUE(::mkdtemp(name) != nullptr);
    dir = name;
    path = dir + "/out.log";
    context.read_cmdline
      = [](pid_t) { return std::optional<std::string>("fakeproc -v"); };
    context.make_plain_ui = [this](const session::View& view, std::ostream& e) {
      return std::unique_ptr<session::Ui>(
        new session::PlainUi(view, e, [this] { return next_stop(); }));
    };
    context.make_screen_ui
      = [this](const session::View& view, std::ostream& e) {
          ++screens_made;
          return screen_available ? context.make_plain_ui(view, e)
                                  : std::unique_ptr<session::Ui>();
        };
  }

  void teardown() override
  {
    std::remove(path.c_str());
    ::rmdir(dir.c_str());
  }

  bool next_stop()
  {
    if (stops.empty()) {
      return true;
    }
    const bool stop = stops.front();
    stops.pop_front();
    return stop;
  }

  int session(
    const char* option, const char* fd, std::vector<std::string> more = {})
  {
    std::vector<std::string> args{"-p", "1234", option, fd, path, "--no-tui"};
    args.insert(args.end(), more.begin(), more.end());
    return run(args);
  }
};

TEST(AppSession, remaps_until_a_stop_signal_and_says_it_restored)
{
  stops = {false, true};
  fake->on_status = [](test::FakeDevice& f) {
    f.status.writes += 2;
    f.status.bytes += 10;
    f.status.attached_ns += 1000000000;
  };
  LONGS_EQUAL(0, session("-c", "1"));
  const std::string expected
    = "umvx: pid 1234 fd 1: remapping to " + path + "\n"
      + "umvx: pid 1234 fd 1: active, 2 writes, 10 bytes, 0 errors, 0"
        " skipped, 1 s\n"
      + "umvx: pid 1234 fd 1: active, 4 writes, 20 bytes, 0 errors, 0"
        " skipped, 2 s\n"
      + "umvx: pid 1234 fd 1: restored\n";
  STRCMP_EQUAL(expected.c_str(), err.str().c_str());
  STRCMP_EQUAL("", out.str().c_str());
  LONGS_EQUAL(1, fake->starts.size());
  LONGS_EQUAL(1234, fake->starts[0].pid);
  LONGS_EQUAL(1, fake->starts[0].fd);
  CHECK_TRUE(fake->starts[0].mode == device::SessionMode::remap);
  LONGS_EQUAL(1, fake->ctls.size());
  CHECK_TRUE(fake->ctls[0].second == device::SessionOp::end);
  LONGS_EQUAL(fake->next_id, fake->ctls[0].first);
}

TEST(AppSession, duplicates_to_a_destination_opened_for_appending)
{
  std::ofstream(path) << "kept\n";
  LONGS_EQUAL(0, session("-d", "10"));
  const int flags = fake->starts.at(0).dest_status_flags;
  CHECK_TRUE(fake->starts[0].mode == device::SessionMode::duplicate);
  LONGS_EQUAL(O_WRONLY, flags & O_ACCMODE);
  CHECK_TRUE((flags & O_APPEND) != 0);
  struct stat st;
  CHECK_TRUE(::stat(path.c_str(), &st) == 0);
  LONGS_EQUAL(5, st.st_size);
  CHECK_TRUE(
    err.str().find("umvx: pid 1234 fd 10: duplicating to " + path + "\n") == 0);
}

TEST(AppSession, empties_the_destination_with_truncate)
{
  std::ofstream(path) << "dropped\n";
  LONGS_EQUAL(0, session("-d", "1", {"--truncate"}));
  CHECK_TRUE((fake->starts.at(0).dest_status_flags & O_APPEND) == 0);
  struct stat st;
  CHECK_TRUE(::stat(path.c_str(), &st) == 0);
  LONGS_EQUAL(0, st.st_size);
}

TEST(AppSession, closes_its_copy_of_the_destination_once_the_device_has_it)
{
  LONGS_EQUAL(0, session("-c", "1"));
  CHECK_TRUE(::fcntl(fake->starts.at(0).dest_fd, F_GETFD) == -1);
}

TEST(AppSession, says_the_session_ended_when_the_process_exits)
{
  stops = {false, false};
  fake->on_status = [](test::FakeDevice& f) {
    if (f.status_calls == 2) {
      f.status.state = device::SessionState::ended;
      f.status.end_reason = device::EndReason::exited;
    }
  };
  LONGS_EQUAL(0, session("-c", "1"));
  const std::string expected
    = "umvx: pid 1234 fd 1: remapping to " + path + "\n"
      + "umvx: pid 1234 fd 1: active, 0 writes, 0 bytes, 0 errors, 0"
        " skipped, 0 s\n"
      + "umvx: pid 1234 fd 1: session ended: the process exited\n";
  STRCMP_EQUAL(expected.c_str(), err.str().c_str());
  CHECK_TRUE(fake->ctls.empty());
}

TEST(AppSession, says_the_session_ended_when_the_process_execs)
{
  fake->status.state = device::SessionState::ended;
  fake->status.end_reason = device::EndReason::execed;
  LONGS_EQUAL(0, session("-d", "1"));
  CHECK_TRUE(err.str().find("umvx: pid 1234 fd 1: session ended: the process"
                            " executed a new program\n")
             != std::string::npos);
}

TEST(AppSession, reports_a_destination_it_cannot_open_without_asking_the_device)
{
  path = dir + "/missing/out.log";
  LONGS_EQUAL(1, session("-c", "1"));
  STRCMP_EQUAL(("umvx: " + path + ": no such file or directory\n").c_str(),
               err.str().c_str());
  CHECK_TRUE(fake->starts.empty());
  CHECK_TRUE(fake->pids.empty());
}

TEST(AppSession, creates_no_destination_when_the_device_is_unusable)
{
  open_error = device::Error::open_failed("/dev/mvx", ENOENT);
  LONGS_EQUAL(3, session("-c", "1"));
  CHECK_TRUE(::access(path.c_str(), F_OK) != 0);
}

TEST(AppSession, exits_1_for_a_process_that_does_not_exist)
{
  fake->start_errno = ESRCH;
  LONGS_EQUAL(1, session("-c", "1"));
  STRCMP_EQUAL("umvx: pid 1234: no such process\n", err.str().c_str());
}

TEST(AppSession, exits_1_without_starting_when_the_process_is_gone_already)
{
  fake->list_errno = ESRCH;
  LONGS_EQUAL(1, session("-c", "1"));
  STRCMP_EQUAL("umvx: pid 1234: no such process\n", err.str().c_str());
  CHECK_TRUE(fake->starts.empty());
}

TEST(AppSession, says_a_descriptor_is_not_open)
{
  fake->start_errno = EBADF;
  LONGS_EQUAL(1, session("-c", "9"));
  STRCMP_EQUAL("umvx: pid 1234: fd 9: not open\n", err.str().c_str());
}

TEST(AppSession, says_a_read_only_descriptor_is_not_open_for_writing)
{
  fake->start_errno = EBADF;
  LONGS_EQUAL(1, session("-d", "3"));
  STRCMP_EQUAL("umvx: pid 1234: fd 3: not open for writing\n",
               err.str().c_str());
}

TEST(AppSession, says_a_descriptor_is_already_in_a_session)
{
  fake->start_errno = EBUSY;
  LONGS_EQUAL(1, session("-c", "1"));
  STRCMP_EQUAL("umvx: pid 1234: fd 1: already in a session\n",
               err.str().c_str());
}

TEST(AppSession, exits_1_for_a_process_it_may_not_ptrace)
{
  fake->start_errno = EPERM;
  LONGS_EQUAL(1, session("-c", "1"));
  STRCMP_EQUAL("umvx: pid 1234: operation not permitted"
               " (may not ptrace this process)\n",
               err.str().c_str());
}

TEST(AppSession, exits_1_for_a_kernel_thread_or_exiting_process)
{
  fake->start_errno = EINVAL;
  LONGS_EQUAL(1, session("-c", "1"));
  STRCMP_EQUAL("umvx: pid 1234: invalid argument"
               " (a kernel thread or an exiting process)\n",
               err.str().c_str());
}

TEST(AppSession, exits_1_for_a_process_that_does_not_respond)
{
  fake->start_errno = ETIMEDOUT;
  LONGS_EQUAL(1, session("-c", "1"));
  STRCMP_EQUAL("umvx: pid 1234: the process did not respond"
               " (is it stopped?)\n",
               err.str().c_str());
}

TEST(AppSession, exits_1_when_the_status_cannot_be_read)
{
  fake->status_errno = EFAULT;
  LONGS_EQUAL(1, session("-c", "1"));
  STRCMP_EQUAL(("umvx: pid 1234 fd 1: remapping to " + path + "\n"
                + "umvx: pid 1234 fd 1: cannot read the session status:"
                  " bad address\n")
                 .c_str(),
               err.str().c_str());
}

TEST(AppSession, exits_1_when_the_session_cannot_be_ended)
{
  fake->ctl_errno = ETIMEDOUT;
  LONGS_EQUAL(1, session("-c", "1"));
  CHECK_TRUE(err.str().find("\numvx: pid 1234: the process did not respond"
                            " (is it stopped?)\n")
             != std::string::npos);
}

TEST(AppSession, shows_the_screen_when_interactive)
{
  context.interactive = true;
  LONGS_EQUAL(0, run({"-p", "1234", "-c", "1", path}));
  LONGS_EQUAL(1, screens_made);
}

TEST(AppSession, prints_lines_with_no_tui_even_when_interactive)
{
  context.interactive = true;
  LONGS_EQUAL(0, session("-c", "1"));
  LONGS_EQUAL(0, screens_made);
}

TEST(AppSession, prints_lines_when_not_interactive)
{
  LONGS_EQUAL(0, run({"-p", "1234", "-c", "1", path}));
  LONGS_EQUAL(0, screens_made);
  CHECK_TRUE(err.str().find("remapping to") != std::string::npos);
}

TEST(AppSession, prints_lines_when_the_terminal_cannot_show_the_screen)
{
  context.interactive = true;
  screen_available = false;
  LONGS_EQUAL(0, run({"-p", "1234", "-c", "1", path}));
  LONGS_EQUAL(1, screens_made);
  CHECK_TRUE(err.str().find("remapping to") != std::string::npos);
}

TEST(AppSession, reports_a_usage_error_for_a_negative_fd)
{
  LONGS_EQUAL(2, run({"-p", "1234", "-c", "-1", path}));
  STRCMP_EQUAL("umvx: invalid fd '-1'\n"
               "Try 'umvx --help' for more information.\n",
               err.str().c_str());
  CHECK_TRUE(opened_paths.empty());
}

// umvx -p 1234 -m --no-tui, with the plain Ui's lines on out, a clock that
// stands still, and a stop signal after a few waits.
TEST_GROUP_BASE(AppMonitor, TEST_GROUP_CppUTestGroupApp)
{
  test::RingArea area;
  int waits = 0;

  void setup() override
  {
    TEST_GROUP_CppUTestGroupApp::setup();
    context.make_monitor_plain = [this](std::ostream& out) {
      return std::make_unique<monitor::PlainUi>(
        out, [this] { return ++waits == 10; });
    };
    context.clock = [] { return std::uint64_t{0}; };
    area.install(*fake);
  }

  // The process makes its last calls and exits with status once the
  // watch has looked at it (umvx asks once before the watch starts).
  void exit_after_calls(int status)
  {
    fake->on_monitor = [this, status](test::FakeDevice& f) {
      if (f.monitor_calls == 3) {
        area.add(7, 1, {1, 0x1000, 4}, 4);
        area.add(7, 231, {3}, 0, MVX_REC_EXECUTED);
        area.install_exited(f, status);
      }
    };
  }
};

TEST(AppMonitor, shows_the_last_calls_and_says_how_the_process_exited)
{
  exit_after_calls(3 << 8);
  LONGS_EQUAL(0, run({"-p", "1234", "-m", "--no-tui"}));
  STRCMP_EQUAL("[7] write(1, 0x1000, 4) = 4\n"
               "[7] exit_group(3) = ?\n",
               out.str().c_str());
  STRCMP_EQUAL("umvx: process 1234 exited with status 3\n", err.str().c_str());
  // The record area of an exited process stays with the open device that
  // watched it: one device for the whole watch.
  LONGS_EQUAL(1, opened_paths.size());
}

TEST(AppMonitor, says_which_signal_killed_the_process)
{
  exit_after_calls(SIGKILL);
  LONGS_EQUAL(0, run({"-p", "1234", "-m", "--no-tui"}));
  STRCMP_EQUAL("umvx: process 1234 was killed by SIGKILL\n", err.str().c_str());
}

TEST(AppMonitor, says_only_that_the_process_exited_without_a_watch)
{
  fake->on_monitor = [](test::FakeDevice& f) {
    if (f.monitor_calls == 3) {
      f.monitor_errno = ESRCH;
    }
  };
  LONGS_EQUAL(0, run({"-p", "1234", "-m", "--no-tui"}));
  STRCMP_EQUAL("", out.str().c_str());
  STRCMP_EQUAL("umvx: process 1234 exited\n", err.str().c_str());
}
