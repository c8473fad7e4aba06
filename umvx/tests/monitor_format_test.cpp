#include "monitor/format.hpp"

#include <cerrno>

#include <CppUTest/TestHarness.h>

namespace {

monitor::Record
record(std::uint32_t nr,
       std::array<std::uint64_t, 6> args,
       std::int64_t result,
       bool done = true)
{
  monitor::Record r;
  r.tid = 4321;
  r.nr = nr;
  r.args = args;
  r.result = result;
  r.done = done;
  r.executed = done;
  return r;
}

constexpr std::uint64_t at_fdcwd = static_cast<std::uint64_t>(-100);

} // namespace

TEST_GROUP(MonitorFormat){};

TEST(MonitorFormat, names_system_calls_and_errno_values)
{
  STRCMP_EQUAL("openat", monitor::syscall_name(257).c_str());
  STRCMP_EQUAL("read", monitor::syscall_name(0).c_str());
  STRCMP_EQUAL("syscall_510", monitor::syscall_name(510).c_str());
  STRCMP_EQUAL("mvx", monitor::syscall_name(511).c_str());
  STRCMP_EQUAL("ENOENT", monitor::errno_name(ENOENT).c_str());
  STRCMP_EQUAL("EAGAIN", monitor::errno_name(EAGAIN).c_str());
  STRCMP_EQUAL("E4000", monitor::errno_name(4000).c_str());
}

TEST(MonitorFormat, finds_system_calls_by_name_or_number)
{
  LONGS_EQUAL(257, *monitor::syscall_number("openat"));
  LONGS_EQUAL(39, *monitor::syscall_number("39"));
  LONGS_EQUAL(511, *monitor::syscall_number("511"));
  CHECK_FALSE(monitor::syscall_number("512"));
  CHECK_FALSE(monitor::syscall_number("getpidd"));
  CHECK_FALSE(monitor::syscall_number(""));
  CHECK_FALSE(monitor::syscall_number("-1"));
}

TEST(MonitorFormat, writes_a_call_like_strace)
{
  STRCMP_EQUAL(
    "[4321] openat(AT_FDCWD, 0x7ffd1234, 0x80000) = 3",
    monitor::call_line(record(257, {at_fdcwd, 0x7ffd1234, 0x80000}, 3))
      .c_str());
}

TEST(MonitorFormat, writes_an_error_as_minus_one_and_its_name)
{
  STRCMP_EQUAL(
    "[4321] openat(AT_FDCWD, 0x7ffd1234, 0) = -1 ENOENT",
    monitor::call_line(record(257, {at_fdcwd, 0x7ffd1234}, -ENOENT)).c_str());
}

TEST(MonitorFormat, shows_the_mode_of_openat_only_with_o_creat)
{
  STRCMP_EQUAL(
    "[4321] openat(3, 0x7ffd1234, 0x241, 0644) = 4",
    monitor::call_line(record(257, {3, 0x7ffd1234, 0x241, 0644}, 4)).c_str());
}

TEST(MonitorFormat, writes_a_question_mark_while_the_call_runs)
{
  STRCMP_EQUAL(
    "[4321] read(0, 0x5000, 4096) = ?",
    monitor::call_line(record(0, {0, 0x5000, 4096}, 0, false)).c_str());
}

TEST(MonitorFormat, marks_a_denied_call)
{
  auto r = record(87, {0x55d0c0de}, -EPERM, false);
  r.denied = true;
  STRCMP_EQUAL("[4321] unlink(0x55d0c0de) = -1 EPERM (denied)",
               monitor::call_line(r).c_str());
}

TEST(MonitorFormat, marks_a_call_the_policy_killed_for)
{
  auto r = record(62, {1, 9}, 0, false);
  r.killed = true;
  STRCMP_EQUAL("[4321] kill(1, 9) = ? (killed by the policy)",
               monitor::call_line(r).c_str());
}

TEST(MonitorFormat, shows_null_pointers_octal_modes_and_addresses)
{
  STRCMP_EQUAL("[4321] mmap(NULL, 8192, 0x3, 0x22, -1, 0) = 0x7f12a000",
               monitor::call_line(
                 record(9,
                        {0, 8192, 3, 0x22, static_cast<std::uint64_t>(-1), 0},
                        0x7f12a000))
                 .c_str());
  STRCMP_EQUAL("[4321] mkdir(0x1000, 0755) = 0",
               monitor::call_line(record(83, {0x1000, 0755}, 0)).c_str());
}

TEST(MonitorFormat, shows_calls_without_arguments_empty)
{
  STRCMP_EQUAL("[4321] getpid() = 4321",
               monitor::call_line(record(39, {}, 4321)).c_str());
}

TEST(MonitorFormat, shows_all_six_arguments_of_a_call_it_does_not_know)
{
  STRCMP_EQUAL("[4321] syscall_500(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = 0",
               monitor::call_line(record(500, {1, 2, 3, 4, 5, 6}, 0)).c_str());
}

TEST(MonitorFormat, shows_large_results_that_are_not_errors_as_numbers)
{
  STRCMP_EQUAL("[4321] lseek(3, 0, 0x2) = 5000000000",
               monitor::call_line(record(8, {3, 0, 2}, 5000000000)).c_str());
  STRCMP_EQUAL("[4321] lseek(3, -1, 0) = -1 EINVAL",
               monitor::call_line(
                 record(8, {3, static_cast<std::uint64_t>(-1), 0}, -EINVAL))
                 .c_str());
}

// The kernel's restart codes (include/linux/errno.h) reach the call log
// when a signal interrupts a call; strace shows them as "= ?" and why.
constexpr std::int64_t erestartsys = 512;
constexpr std::int64_t erestartnointr = 513;
constexpr std::int64_t erestartnohand = 514;
constexpr std::int64_t enoioctlcmd = 515;
constexpr std::int64_t erestart_restartblock = 516;

TEST(MonitorFormat, shows_a_call_a_signal_interrupted_as_to_be_restarted)
{
  STRCMP_EQUAL(
    "[4321] read(0, 0x5000, 4096) = ? ERESTARTSYS (To be restarted"
    " if SA_RESTART is set)",
    monitor::call_line(record(0, {0, 0x5000, 4096}, -erestartsys)).c_str());
  STRCMP_EQUAL("[4321] fork() = ? ERESTARTNOINTR (To be restarted)",
               monitor::call_line(record(57, {}, -erestartnointr)).c_str());
  STRCMP_EQUAL("[4321] pause() = ? ERESTARTNOHAND (To be restarted if no"
               " handler)",
               monitor::call_line(record(34, {}, -erestartnohand)).c_str());
  STRCMP_EQUAL(
    "[4321] futex(0x1000, 0, 0x1, NULL, NULL, 0) = ? ERESTART_RESTARTBLOCK"
    " (Interrupted by signal)",
    monitor::call_line(record(202, {0x1000, 0, 1}, -erestart_restartblock))
      .c_str());
}

TEST(MonitorFormat, shows_the_other_internal_code_as_an_error_with_its_name)
{
  STRCMP_EQUAL(
    "[4321] ioctl(3, 0x5401, 0x1000) = -1 ENOIOCTLCMD",
    monitor::call_line(record(16, {3, 0x5401, 0x1000}, -enoioctlcmd)).c_str());
}

TEST(MonitorFormat, names_the_kernel_restart_codes)
{
  STRCMP_EQUAL("ERESTARTSYS", monitor::errno_name(erestartsys).c_str());
  STRCMP_EQUAL("ERESTARTNOINTR", monitor::errno_name(erestartnointr).c_str());
  STRCMP_EQUAL("ERESTARTNOHAND", monitor::errno_name(erestartnohand).c_str());
  STRCMP_EQUAL("ENOIOCTLCMD", monitor::errno_name(enoioctlcmd).c_str());
  STRCMP_EQUAL("ERESTART_RESTARTBLOCK",
               monitor::errno_name(erestart_restartblock).c_str());
}

TEST(MonitorFormat, gives_the_result_alone_as_the_call_line_ends)
{
  STRCMP_EQUAL("? ERESTARTSYS (To be restarted if SA_RESTART is set)",
               monitor::result_text(record(0, {}, -erestartsys)).c_str());
  STRCMP_EQUAL("-1 ENOENT",
               monitor::result_text(record(2, {}, -ENOENT)).c_str());
}
