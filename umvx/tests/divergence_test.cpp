#include "run/divergence.hpp"
#include "run/launch.hpp"

#include <nlohmann/json.hpp>

#include <mvx.h>
#include <sys/wait.h>

#include <csignal>
#include <string>

#include <CppUTest/TestHarness.h>

namespace {

// x86_64 numbers.
constexpr std::uint64_t nr_read = 0;
constexpr std::uint64_t nr_write = 1;
constexpr std::uint64_t nr_io_uring_setup = 425;

// A wait(2) status: exited with code, or killed by sig.
int
exited(int code)
{
  return code << 8;
}

int
killed(int sig)
{
  return sig;
}

std::vector<std::uint8_t>
bytes_of(const std::string& text)
{
  return {text.begin(), text.end()};
}

// A group of two whose follower made call #41 differently.
run::GroupOutcome
stopped(device::StopCause cause, std::uint32_t code)
{
  run::GroupOutcome outcome;
  outcome.status.state = device::GroupState::stopped;
  outcome.status.n = 2;
  outcome.status.cause = cause;
  outcome.status.cause_code = code;
  outcome.status.seq = 41;
  outcome.status.variant = 1;
  outcome.status.nr = nr_write;
  outcome.status.pids = {100, 101};
  outcome.pids = {100, 101};
  outcome.wait_statuses = {killed(SIGKILL), killed(SIGKILL)};
  return outcome;
}

std::string
text_of(const run::GroupOutcome& outcome)
{
  auto divergence = run::find_divergence(outcome);
  CHECK_TRUE(divergence.has_value());
  return divergence ? run::divergence_text(outcome, *divergence) : "";
}

nlohmann::json
json_of(const run::GroupOutcome& outcome)
{
  const std::string text
    = run::report_json(outcome, run::find_divergence(outcome));
  CHECK_EQUAL('\n', text.back());
  return nlohmann::json::parse(text);
}

} // namespace

TEST_GROUP(RunDivergence){};

TEST(RunDivergence, finds_none_when_every_variant_ended_alike)
{
  run::GroupOutcome outcome;
  outcome.status.state = device::GroupState::ended;
  outcome.wait_statuses = {exited(3), exited(3), exited(3)};
  CHECK_FALSE(run::find_divergence(outcome));
  LONGS_EQUAL(3, run::group_exit_status(outcome, std::nullopt));
}

TEST(RunDivergence, passes_the_leaders_signal_on_as_128_plus_n)
{
  run::GroupOutcome outcome;
  outcome.status.state = device::GroupState::running;
  outcome.wait_statuses = {killed(SIGTERM), killed(SIGTERM)};
  LONGS_EQUAL(128 + SIGTERM, run::group_exit_status(outcome, std::nullopt));
}

TEST(RunDivergence, exits_124_when_the_kernel_stopped_the_group)
{
  auto outcome = stopped(device::StopCause::args, 3);
  auto divergence = run::find_divergence(outcome);
  CHECK_TRUE(divergence.has_value());
  LONGS_EQUAL(1, divergence->variant);
  LONGS_EQUAL(124, run::exit_diverged);
  LONGS_EQUAL(124, run::group_exit_status(outcome, divergence));
}

TEST(RunDivergence, names_the_first_follower_whose_exit_status_differs)
{
  run::GroupOutcome outcome;
  outcome.status.state = device::GroupState::ended;
  outcome.wait_statuses = {exited(0), exited(0), exited(3), killed(SIGSEGV)};
  auto divergence = run::find_divergence(outcome);
  CHECK_TRUE(divergence.has_value());
  CHECK_TRUE(divergence->kind == run::Divergence::Kind::exit_status);
  LONGS_EQUAL(2, divergence->variant);
  LONGS_EQUAL(124, run::group_exit_status(outcome, divergence));
  STRCMP_EQUAL("umvx: divergence: exit status differs: variant 2 exited with"
               " status 3, the leader exited with status 0\n",
               run::divergence_text(outcome, *divergence).c_str());
  STRCMP_EQUAL("exit_status", run::cause_word(outcome, *divergence).c_str());
}

TEST(RunDivergence, says_which_signal_killed_a_variant_that_ended_otherwise)
{
  run::GroupOutcome outcome;
  outcome.status.state = device::GroupState::running;
  outcome.wait_statuses = {exited(0), killed(SIGSEGV)};
  STRCMP_EQUAL("umvx: divergence: exit status differs: variant 1 was killed"
               " by SIGSEGV, the leader exited with status 0\n",
               text_of(outcome).c_str());
}

TEST(RunDivergence, shows_the_differing_bytes_in_hex_and_as_text)
{
  auto outcome = stopped(device::StopCause::args, 3);
  outcome.status.part = 1;
  outcome.status.offset = 6;
  outcome.status.leader_bytes = bytes_of("world\n");
  outcome.status.variant_bytes = bytes_of("you!\n");
  STRCMP_EQUAL("umvx: divergence: arguments differ in call #41 write(...) of"
               " variant 1\n"
               "  part 1, from byte 6:\n"
               "  leader:    77 6f 72 6c 64 0a  world.\n"
               "  variant 1: 79 6f 75 21 0a     you!.\n",
               text_of(outcome).c_str());
  STRCMP_EQUAL(
    "args", run::cause_word(outcome, *run::find_divergence(outcome)).c_str());
}

TEST(RunDivergence, shows_a_side_without_bytes)
{
  auto outcome = stopped(device::StopCause::args, 3);
  outcome.status.part = 0;
  outcome.status.leader_bytes = {0x00, 0xff, 0x7f, 0x20};
  STRCMP_EQUAL("umvx: divergence: arguments differ in call #41 write(...) of"
               " variant 1\n"
               "  part 0, from byte 0:\n"
               "  leader:    00 ff 7f 20  ... \n"
               "  variant 1: (no bytes)\n",
               text_of(outcome).c_str());
}

TEST(RunDivergence, says_when_the_mode_or_flags_differ)
{
  auto outcome = stopped(device::StopCause::args, 3);
  outcome.status.part.reset();
  STRCMP_EQUAL("umvx: divergence: arguments differ in call #41 write(...) of"
               " variant 1\n"
               "  the call's mode or flags, from byte 0:\n",
               text_of(outcome).c_str());
}

TEST(RunDivergence, names_both_calls_when_the_calls_differ)
{
  auto outcome = stopped(device::StopCause::call, 2);
  outcome.status.nr = nr_read;
  outcome.status.other_nr = nr_write;
  outcome.status.variant = 3;
  STRCMP_EQUAL("umvx: divergence: calls differ in call #41 read(...) of"
               " variant 3\n"
               "  the leader made read(...), variant 3 made write(...)\n",
               text_of(outcome).c_str());
}

TEST(RunDivergence, names_a_counter_instruction_where_a_call_was_made)
{
  auto outcome = stopped(device::StopCause::call, 2);
  outcome.status.nr = MVX_NR_RDTSC;
  outcome.status.other_nr = MVX_NR_RDTSCP;
  STRCMP_EQUAL("umvx: divergence: calls differ in call #41 rdtsc(...) of"
               " variant 1\n"
               "  the leader made rdtsc(...), variant 1 made rdtscp(...)\n",
               text_of(outcome).c_str());
}

TEST(RunDivergence, numbers_a_call_without_a_name)
{
  auto outcome = stopped(device::StopCause::call, 2);
  outcome.status.other_nr = 600;
  STRCMP_EQUAL("umvx: divergence: calls differ in call #41 write(...) of"
               " variant 1\n"
               "  the leader made write(...), variant 1 made"
               " syscall_600(...)\n",
               text_of(outcome).c_str());
}

TEST(RunDivergence, decodes_how_a_variant_died)
{
  auto outcome = stopped(device::StopCause::died, 4);
  outcome.status.nr = 0;
  outcome.status.detail = killed(SIGSEGV);
  STRCMP_EQUAL("umvx: divergence: a variant died at call #41 of variant 1\n"
               "  variant 1 was killed by SIGSEGV\n",
               text_of(outcome).c_str());
  outcome.status.variant = 0;
  outcome.status.detail = exited(7);
  STRCMP_EQUAL("umvx: divergence: a variant died at call #41 of variant 0\n"
               "  the leader exited with status 7\n",
               text_of(outcome).c_str());
}

TEST(RunDivergence, names_an_unsupported_call)
{
  auto outcome = stopped(device::StopCause::unsupported, 1);
  outcome.status.nr = nr_io_uring_setup;
  outcome.status.detail = nr_io_uring_setup;
  outcome.status.variant = 0;
  STRCMP_EQUAL("umvx: divergence: unsupported system call io_uring_setup in"
               " call #41 io_uring_setup(...) of variant 0\n",
               text_of(outcome).c_str());
}

TEST(RunDivergence, words_every_other_cause)
{
  const struct
  {
    device::StopCause cause;
    std::uint32_t code;
    const char* word;
    const char* headline;
  } cases[] = {
    {device::StopCause::output,
     5,
     "output",
     "outputs could not be written in call #41 write(...) of variant 1"},
    {device::StopCause::too_large,
     6,
     "too_large",
     "the call's data exceeds 4194304 bytes in call #41 write(...) of"
     " variant 1"},
    {device::StopCause::policy,
     7,
     "policy",
     "the policy killed a variant in call #41 write(...) of variant 1"},
    {device::StopCause::controller,
     8,
     "controller",
     "umvx released the group at call #41 of variant 1"},
    {device::StopCause::no_call,
     9,
     "no_call",
     "the monitor did not describe its call in call #41 write(...) of"
     " variant 1"},
    {device::StopCause::result,
     10,
     "result",
     "the call succeeded in some variants only in call #41 write(...) of"
     " variant 1"},
    {device::StopCause::unknown,
     77,
     "unknown",
     "unknown cause 77 in call #41 write(...) of variant 1"},
  };
  for (const auto& c : cases) {
    auto outcome = stopped(c.cause, c.code);
    auto divergence = run::find_divergence(outcome);
    STRCMP_EQUAL(c.word, run::cause_word(outcome, *divergence).c_str());
    STRCMP_EQUAL(c.headline,
                 run::divergence_headline(outcome, *divergence).c_str());
    STRCMP_EQUAL(
      (std::string("umvx: divergence: ") + c.headline + "\n").c_str(),
      run::divergence_text(outcome, *divergence).c_str());
  }
}

TEST(RunDivergence, names_the_thread_when_it_is_not_the_first)
{
  auto outcome = stopped(device::StopCause::args, 3);
  outcome.status.thread = 3;
  outcome.status.part = 0;
  STRCMP_EQUAL("umvx: divergence: arguments differ in call #41 write(...) of"
               " thread 3 of variant 1\n"
               "  part 0, from byte 0:\n",
               text_of(outcome).c_str());
  outcome = stopped(device::StopCause::died, 4);
  outcome.status.thread = 1;
  outcome.status.detail = killed(SIGSEGV);
  STRCMP_EQUAL("umvx: divergence: a variant died at call #41 of thread 1 of"
               " variant 1\n"
               "  variant 1 was killed by SIGSEGV\n",
               text_of(outcome).c_str());
}

TEST(RunDivergence, writes_bytes_as_hex_and_as_printable_text)
{
  const std::vector<std::uint8_t> bytes{'a', 0x00, '~', 0x7f, 0x80, 0xff, ' '};
  STRCMP_EQUAL("61 00 7e 7f 80 ff 20", run::hex_bytes(bytes, true).c_str());
  STRCMP_EQUAL("61007e7f80ff20", run::hex_bytes(bytes, false).c_str());
  STRCMP_EQUAL("a.~... ", run::printable_bytes(bytes).c_str());
  STRCMP_EQUAL("", run::hex_bytes({}, true).c_str());
}

TEST_GROUP(RunReportJson){};

TEST(RunReportJson, says_nothing_diverged_with_the_pids_and_exit_statuses)
{
  run::GroupOutcome outcome;
  outcome.status.state = device::GroupState::ended;
  outcome.pids = {10, 11};
  outcome.wait_statuses = {exited(0), exited(0)};
  const std::string text = run::report_json(outcome, std::nullopt);
  const std::string expected = R"({
  "diverged": false,
  "cause": null,
  "message": null,
  "variant": null,
  "call": null,
  "other_call": null,
  "part": null,
  "offset": null,
  "leader": null,
  "variant_bytes": null,
  "variant_exit": null,
  "pids": [
    10,
    11
  ],
  "exit": [
    0,
    0
  ]
}
)";
  STRCMP_EQUAL(expected.c_str(), text.c_str());
}

TEST(RunReportJson, describes_differing_arguments)
{
  auto outcome = stopped(device::StopCause::args, 3);
  outcome.status.part = 1;
  outcome.status.offset = 6;
  outcome.status.leader_bytes = bytes_of("a\"b\\c\n");
  outcome.status.variant_bytes = bytes_of("</x>");
  const auto json = json_of(outcome);
  CHECK_TRUE(json["diverged"].get<bool>());
  STRCMP_EQUAL("args", json["cause"].get<std::string>().c_str());
  STRCMP_EQUAL("arguments differ in call #41 write(...) of variant 1",
               json["message"].get<std::string>().c_str());
  LONGS_EQUAL(1, json["variant"].get<int>());
  LONGS_EQUAL(41, json["call"]["seq"].get<int>());
  LONGS_EQUAL(0, json["call"]["thread"].get<int>());
  LONGS_EQUAL(1, json["call"]["nr"].get<int>());
  STRCMP_EQUAL("write", json["call"]["name"].get<std::string>().c_str());
  CHECK_TRUE(json["other_call"].is_null());
  LONGS_EQUAL(1, json["part"].get<int>());
  LONGS_EQUAL(6, json["offset"].get<int>());
  STRCMP_EQUAL("6122625c630a",
               json["leader"]["hex"].get<std::string>().c_str());
  STRCMP_EQUAL("a\"b\\c.", json["leader"]["text"].get<std::string>().c_str());
  STRCMP_EQUAL("3c2f783e",
               json["variant_bytes"]["hex"].get<std::string>().c_str());
  STRCMP_EQUAL("</x>",
               json["variant_bytes"]["text"].get<std::string>().c_str());
  CHECK_TRUE(json["variant_exit"].is_null());
  CHECK_TRUE(json["pids"] == nlohmann::json({100, 101}));
  CHECK_TRUE(json["exit"] == nlohmann::json({128 + SIGKILL, 128 + SIGKILL}));
}

TEST(RunReportJson, gives_the_thread_whose_call_it_was)
{
  auto outcome = stopped(device::StopCause::call, 2);
  outcome.status.thread = 2;
  outcome.status.seq = 5;
  outcome.status.other_nr = nr_read;
  const std::string text
    = run::report_json(outcome, run::find_divergence(outcome));
  // In this order, after seq.
  CHECK_TRUE(text.find(R"("call": {
    "seq": 5,
    "thread": 2,
    "nr": 1,
    "name": "write"
  },)") != std::string::npos);
  const auto json = json_of(outcome);
  STRCMP_EQUAL("calls differ in call #5 write(...) of thread 2 of variant 1",
               json["message"].get<std::string>().c_str());
}

TEST(RunReportJson, gives_a_null_part_for_the_mode_or_flags)
{
  auto outcome = stopped(device::StopCause::args, 3);
  outcome.status.part.reset();
  const auto json = json_of(outcome);
  CHECK_TRUE(json["part"].is_null());
  STRCMP_EQUAL("", json["leader"]["hex"].get<std::string>().c_str());
}

TEST(RunReportJson, describes_another_call)
{
  auto outcome = stopped(device::StopCause::call, 2);
  outcome.status.other_nr = 600;
  const auto json = json_of(outcome);
  STRCMP_EQUAL("call", json["cause"].get<std::string>().c_str());
  LONGS_EQUAL(600, json["other_call"]["nr"].get<int>());
  CHECK_TRUE(json["other_call"]["name"].is_null());
  CHECK_TRUE(json["leader"].is_null());
}

TEST(RunReportJson, gives_how_a_variant_died_without_a_call)
{
  auto outcome = stopped(device::StopCause::died, 4);
  outcome.status.detail = killed(SIGSEGV);
  const auto json = json_of(outcome);
  STRCMP_EQUAL("died", json["cause"].get<std::string>().c_str());
  LONGS_EQUAL(41, json["call"]["seq"].get<int>());
  LONGS_EQUAL(0, json["call"]["thread"].get<int>());
  CHECK_TRUE(json["call"]["nr"].is_null());
  CHECK_TRUE(json["call"]["name"].is_null());
  LONGS_EQUAL(128 + SIGSEGV, json["variant_exit"].get<int>());
}

TEST(RunReportJson, gives_the_exit_status_that_differs)
{
  run::GroupOutcome outcome;
  outcome.status.state = device::GroupState::ended;
  outcome.pids = {10, 11};
  outcome.wait_statuses = {exited(0), exited(2)};
  const auto json = json_of(outcome);
  STRCMP_EQUAL("exit_status", json["cause"].get<std::string>().c_str());
  LONGS_EQUAL(1, json["variant"].get<int>());
  CHECK_TRUE(json["call"].is_null());
  LONGS_EQUAL(2, json["variant_exit"].get<int>());
  CHECK_TRUE(json["exit"] == nlohmann::json({0, 2}));
}
