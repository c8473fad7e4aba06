#include "cli/options.hpp"

#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

namespace {

cli::Options
accepted(const std::vector<std::string>& args)
{
  auto options = cli::parse(args);
  if (!options) {
    FAIL(("rejected: " + options.error().message).c_str());
  }
  return *options;
}

std::string
rejection(const std::vector<std::string>& args)
{
  auto options = cli::parse(args);
  if (options) {
    FAIL("accepted");
    return "";
  }
  return options.error().message;
}

void
check_inspect(const std::vector<std::string>& args, pid_t pid, bool json)
{
  auto options = accepted(args);
  CHECK_TRUE(options.action == cli::Action::inspect);
  LONGS_EQUAL(pid, options.pid);
  CHECK_EQUAL(json, options.json);
}

} // namespace

TEST_GROUP(CliOptions){};

TEST(CliOptions, accepts_short_pid_and_inspect)
{
  check_inspect({"-p", "1234", "-i"}, 1234, false);
}

TEST(CliOptions, accepts_long_pid_and_inspect)
{
  check_inspect({"--pid", "1234", "--inspect"}, 1234, false);
}

TEST(CliOptions, accepts_the_pid_attached_to_its_option)
{
  check_inspect({"-p1234", "-i"}, 1234, false);
  check_inspect({"--pid=1234", "-i"}, 1234, false);
}

TEST(CliOptions, accepts_options_in_any_order)
{
  check_inspect({"-i", "-p", "7"}, 7, false);
  check_inspect({"--json", "-i", "--pid", "7"}, 7, true);
}

TEST(CliOptions, accepts_bundled_short_options)
{
  check_inspect({"-ip", "42"}, 42, false);
  check_inspect({"-ip42"}, 42, false);
}

TEST(CliOptions, accepts_json_with_inspect)
{
  check_inspect({"-p", "1", "-i", "--json"}, 1, true);
}

TEST(CliOptions, takes_the_last_pid_given)
{
  check_inspect({"-p", "1", "-p", "2", "-i"}, 2, false);
}

TEST(CliOptions, accepts_a_double_dash_before_nothing)
{
  check_inspect({"-p", "1", "-i", "--"}, 1, false);
}

TEST(CliOptions, accepts_leading_zeros_and_the_largest_pid)
{
  check_inspect({"-p", "007", "-i"}, 7, false);
  check_inspect({"-p", "2147483647", "-i"}, 2147483647, false);
}

TEST(CliOptions, asks_for_help_with_h_or_help)
{
  CHECK_TRUE(accepted({"-h"}).action == cli::Action::help);
  CHECK_TRUE(accepted({"--help"}).action == cli::Action::help);
}

TEST(CliOptions, asks_for_the_version_with_V_or_version)
{
  CHECK_TRUE(accepted({"-V"}).action == cli::Action::version);
  CHECK_TRUE(accepted({"--version"}).action == cli::Action::version);
}

TEST(CliOptions, lets_help_win_over_what_follows_it)
{
  CHECK_TRUE(accepted({"-p", "1", "--help", "--bogus"}).action
             == cli::Action::help);
}

TEST(CliOptions, rejects_an_unknown_long_option)
{
  STRCMP_EQUAL("unknown option '--foo'", rejection({"--foo"}).c_str());
  STRCMP_EQUAL("unknown option '--foo'", rejection({"--foo=bar"}).c_str());
}

TEST(CliOptions, rejects_an_unknown_short_option)
{
  STRCMP_EQUAL("unknown option '-x'", rejection({"-p", "1", "-x"}).c_str());
  STRCMP_EQUAL("unknown option '-x'", rejection({"-ix"}).c_str());
}

TEST(CliOptions, rejects_an_option_before_help_that_it_does_not_know)
{
  STRCMP_EQUAL("unknown option '--foo'",
               rejection({"--foo", "--help"}).c_str());
}

TEST(CliOptions, rejects_a_missing_pid)
{
  STRCMP_EQUAL("no process given (use -p PID)", rejection({"-i"}).c_str());
  STRCMP_EQUAL("no process given (use -p PID)",
               rejection({"--inspect", "--json"}).c_str());
}

TEST(CliOptions, rejects_pid_without_its_argument)
{
  STRCMP_EQUAL("option '-p' requires an argument",
               rejection({"-i", "-p"}).c_str());
  STRCMP_EQUAL("option '--pid' requires an argument",
               rejection({"-i", "--pid"}).c_str());
}

TEST(CliOptions, rejects_nothing_to_do)
{
  STRCMP_EQUAL("nothing to do (use -i, -m, -c, -d or run)", rejection({}).c_str());
  STRCMP_EQUAL("nothing to do (use -i, -m, -c, -d or run)",
               rejection({"-p", "1"}).c_str());
}

TEST(CliOptions, rejects_json_without_inspect)
{
  STRCMP_EQUAL("option '--json' requires -i",
               rejection({"-p", "1", "--json"}).c_str());
}

TEST(CliOptions, rejects_pids_that_are_not_positive_decimal_numbers)
{
  STRCMP_EQUAL("invalid pid 'abc'", rejection({"-p", "abc", "-i"}).c_str());
  STRCMP_EQUAL("invalid pid '0'", rejection({"-p", "0", "-i"}).c_str());
  STRCMP_EQUAL("invalid pid '-3'", rejection({"-p", "-3", "-i"}).c_str());
  STRCMP_EQUAL("invalid pid '+3'", rejection({"-p", "+3", "-i"}).c_str());
  STRCMP_EQUAL("invalid pid '12x'", rejection({"-p", "12x", "-i"}).c_str());
  STRCMP_EQUAL("invalid pid ' 1'", rejection({"-p", " 1", "-i"}).c_str());
  STRCMP_EQUAL("invalid pid ''", rejection({"--pid=", "-i"}).c_str());
}

TEST(CliOptions, rejects_pids_too_large_for_pid_t)
{
  STRCMP_EQUAL("invalid pid '99999999999'",
               rejection({"-p", "99999999999", "-i"}).c_str());
  STRCMP_EQUAL("invalid pid '2147483648'",
               rejection({"-p", "2147483648", "-i"}).c_str());
}

TEST(CliOptions, rejects_extra_arguments)
{
  STRCMP_EQUAL("unexpected argument 'extra'",
               rejection({"-p", "1", "-i", "extra"}).c_str());
  STRCMP_EQUAL("unexpected argument '-'",
               rejection({"-p", "1", "-i", "-"}).c_str());
  STRCMP_EQUAL("unexpected argument '-x'",
               rejection({"-p", "1", "-i", "--", "-x"}).c_str());
}

TEST(CliOptions, rejects_an_argument_to_a_flag)
{
  STRCMP_EQUAL("option '--inspect' doesn't allow an argument",
               rejection({"-p", "1", "--inspect=yes"}).c_str());
  STRCMP_EQUAL("option '--help' doesn't allow an argument",
               rejection({"--help=all"}).c_str());
}

TEST(CliOptions, usage_names_every_option)
{
  const auto usage = cli::usage_text();
  for (const char* option : {"-p, --pid PID",
                             "-i, --inspect",
                             "--json",
                             "-h, --help",
                             "-V, --version",
                             "MVX_DEVICE"}) {
    CHECK_TRUE(usage.find(option) != std::string::npos);
  }
}

namespace {

cli::Options
session_options(const std::vector<std::string>& args)
{
  auto options = accepted(args);
  CHECK_TRUE(options.action == cli::Action::session);
  return options;
}

} // namespace

TEST(CliOptions, accepts_a_remap)
{
  auto options = session_options({"-p", "1234", "-c", "1", "/tmp/out"});
  LONGS_EQUAL(1234, options.pid);
  CHECK_TRUE(options.mode == device::SessionMode::remap);
  LONGS_EQUAL(1, options.fd);
  STRCMP_EQUAL("/tmp/out", options.path.c_str());
  CHECK_FALSE(options.truncate);
  CHECK_FALSE(options.no_tui);
}

TEST(CliOptions, accepts_a_duplicate)
{
  auto options = session_options({"-p", "1234", "-d", "2", "/dev/pts/3"});
  CHECK_TRUE(options.mode == device::SessionMode::duplicate);
  LONGS_EQUAL(2, options.fd);
  STRCMP_EQUAL("/dev/pts/3", options.path.c_str());
}

TEST(CliOptions, accepts_long_and_attached_session_options)
{
  auto remap = session_options({"--pid=5", "--remap=0", "out"});
  CHECK_TRUE(remap.mode == device::SessionMode::remap);
  LONGS_EQUAL(0, remap.fd);
  auto duplicate = session_options({"-p5", "--duplicate", "7", "out"});
  CHECK_TRUE(duplicate.mode == device::SessionMode::duplicate);
  LONGS_EQUAL(7, duplicate.fd);
  LONGS_EQUAL(3, session_options({"-p", "5", "-c3", "out"}).fd);
}

TEST(CliOptions, takes_the_path_from_anywhere_among_the_arguments)
{
  auto options = session_options({"out", "-c", "1", "-p", "9"});
  STRCMP_EQUAL("out", options.path.c_str());
  STRCMP_EQUAL(
    "-odd", session_options({"-p", "9", "-c", "1", "--", "-odd"}).path.c_str());
}

TEST(CliOptions, accepts_truncate_and_no_tui_with_a_session)
{
  auto options
    = session_options({"-p", "1", "-d", "1", "out", "--truncate", "--no-tui"});
  CHECK_TRUE(options.truncate);
  CHECK_TRUE(options.no_tui);
}

TEST(CliOptions, accepts_the_largest_fd)
{
  LONGS_EQUAL(2147483647,
              session_options({"-p", "1", "-c", "2147483647", "out"}).fd);
}

TEST(CliOptions, rejects_fds_that_are_not_non_negative_decimal_numbers)
{
  STRCMP_EQUAL("invalid fd '-1'",
               rejection({"-p", "1", "-c", "-1", "out"}).c_str());
  STRCMP_EQUAL("invalid fd 'x'",
               rejection({"-p", "1", "-d", "x", "out"}).c_str());
  STRCMP_EQUAL("invalid fd '+1'",
               rejection({"-p", "1", "-c", "+1", "out"}).c_str());
  STRCMP_EQUAL("invalid fd ''",
               rejection({"-p", "1", "--remap=", "out"}).c_str());
  STRCMP_EQUAL("invalid fd '2147483648'",
               rejection({"-p", "1", "-c", "2147483648", "out"}).c_str());
}

TEST(CliOptions, rejects_a_session_option_without_its_fd)
{
  STRCMP_EQUAL("option '-c' requires an argument",
               rejection({"-p", "1", "-c"}).c_str());
  STRCMP_EQUAL("option '--duplicate' requires an argument",
               rejection({"-p", "1", "--duplicate"}).c_str());
}

TEST(CliOptions, rejects_a_session_without_a_path)
{
  STRCMP_EQUAL("no destination given (use -c FD PATH)",
               rejection({"-p", "1", "-c", "1"}).c_str());
  STRCMP_EQUAL("no destination given (use -d FD PATH)",
               rejection({"-p", "1", "-d", "1"}).c_str());
}

TEST(CliOptions, rejects_a_second_path)
{
  STRCMP_EQUAL("unexpected argument 'b'",
               rejection({"-p", "1", "-c", "1", "a", "b"}).c_str());
}

TEST(CliOptions, rejects_a_session_without_a_pid)
{
  STRCMP_EQUAL("no process given (use -p PID)",
               rejection({"-c", "1", "out"}).c_str());
}

TEST(CliOptions, rejects_remap_with_duplicate)
{
  STRCMP_EQUAL("options '-c' and '-d' cannot be used together",
               rejection({"-p", "1", "-c", "1", "-d", "2", "out"}).c_str());
}

TEST(CliOptions, rejects_a_session_with_inspect)
{
  STRCMP_EQUAL("options '-i' and '-c' cannot be used together",
               rejection({"-p", "1", "-i", "-c", "1", "out"}).c_str());
  STRCMP_EQUAL("options '-i' and '-d' cannot be used together",
               rejection({"-p", "1", "-d", "1", "out", "-i"}).c_str());
}

TEST(CliOptions, rejects_json_with_a_session)
{
  STRCMP_EQUAL("option '--json' requires -i",
               rejection({"-p", "1", "-c", "1", "out", "--json"}).c_str());
}

TEST(CliOptions, rejects_truncate_and_no_tui_without_a_session)
{
  STRCMP_EQUAL("option '--truncate' requires -c or -d",
               rejection({"-p", "1", "-i", "--truncate"}).c_str());
  STRCMP_EQUAL("option '--no-tui' requires -c, -d or -m",
               rejection({"-p", "1", "--no-tui"}).c_str());
  STRCMP_EQUAL("option '--truncate' doesn't allow an argument",
               rejection({"-p", "1", "-c", "1", "o", "--truncate=1"}).c_str());
}

TEST(CliOptions, usage_names_the_session_options)
{
  const auto usage = cli::usage_text();
  for (const char* option : {"umvx -p PID -c FD PATH",
                             "umvx -p PID -d FD PATH",
                             "-c, --remap FD",
                             "-d, --duplicate FD",
                             "--truncate",
                             "--no-tui"}) {
    CHECK_TRUE(usage.find(option) != std::string::npos);
  }
}

TEST(CliOptions, passes_the_group_options_of_run_on)
{
  auto options = accepted({"run", "-n", "2", "--report", "r.json", "--", "p"});
  CHECK_TRUE(options.action == cli::Action::run);
  LONGS_EQUAL(2, options.run.variants);
  STRCMP_EQUAL("r.json", options.run.report->c_str());
}

TEST(CliOptions, rejects_n_with_a_pid)
{
  STRCMP_EQUAL("options '-n' and '-p' cannot be used together",
               rejection({"-p", "1", "-n", "2"}).c_str());
  STRCMP_EQUAL("options '--variants' and '-p' cannot be used together",
               rejection({"--variants=2", "-p1", "-i"}).c_str());
  STRCMP_EQUAL("options '-n' and '-p' cannot be used together",
               rejection({"-p", "1", "run", "-n", "2", "--", "p"}).c_str());
  STRCMP_EQUAL("options '-n' and '-p' cannot be used together",
               rejection({"run", "-n", "2", "-p", "1", "--", "p"}).c_str());
}

TEST(CliOptions, says_n_belongs_to_run)
{
  STRCMP_EQUAL("option '-n' belongs to run (use umvx run -n N -- PROGRAM)",
               rejection({"-n", "2"}).c_str());
  STRCMP_EQUAL("option '-n' requires an argument", rejection({"-n"}).c_str());
}

TEST(CliOptions, usage_names_the_group_options_of_run)
{
  const auto usage = cli::usage_text();
  CHECK_TRUE(usage.find("[-n N | --variant FILE...] [--report FILE]")
             != std::string::npos);
}
