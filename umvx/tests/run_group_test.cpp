// umvx run with a group, on the host: the fake device stands in for kmvx
// (it makes no group, so the variants run unmonitored and alone), and
// real children run /bin/sh, true and false.

#include "run/launch.hpp"
#include "run/options.hpp"

#include "fake_device.hpp"

#include <nlohmann/json.hpp>

#include <elf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

namespace {

std::string
read_file(const std::string& path)
{
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_GROUP(RunGroup)
{
  std::ostringstream err;
  std::shared_ptr<test::FakeDevice> fake = std::make_shared<test::FakeDevice>();
  std::vector<std::string> opened;
  std::optional<device::Error> open_error;
  run::Surroundings surroundings;
  std::string dir;

  void setup() override
  {
    char name[] = "/tmp/umvx-group-XXXXXX";
    CHECK_TRUE(::mkdtemp(name) != nullptr);
    dir = name;
    surroundings.environ = {"PATH=/bin:/usr/bin"};
    surroundings.mvx_libmvx = UMVX_TEST_PRELOAD;
    surroundings.path = "/bin:/usr/bin";
    surroundings.cwd = dir;
    surroundings.device_path = "/dev/mvx-test";
    surroundings.open_device = [this](const std::string& path)
      -> util::Result<std::unique_ptr<device::Device>, device::Error> {
      opened.push_back(path);
      if (open_error) {
        return util::fail(*open_error);
      }
      return std::unique_ptr<device::Device>(new test::SharedDevice(fake));
    };
    fake->group.state = device::GroupState::ended;
  }

  void teardown() override
  {
    const std::string command = "rm -rf '" + dir + "'";
    CHECK_EQUAL(0, std::system(command.c_str()));
  }

  int execute(const std::vector<std::string>& args)
  {
    auto options = run::parse(args);
    CHECK_TRUE(options.ok());
    return run::execute(*options, surroundings, err);
  }
};

TEST(RunGroup, makes_a_group_of_n_and_exits_with_the_leaders_status)
{
  const std::string report = dir + "/r.json";
  LONGS_EQUAL(
    4, execute({"-n", "3", "--report", report, "--", "sh", "-c", "exit 4"}));
  STRCMP_EQUAL("", err.str().c_str());
  CHECK_TRUE(std::vector<std::string>{"/dev/mvx-test"} == opened);
  CHECK_TRUE(std::vector<std::uint32_t>{3} == fake->created);
  const auto json = nlohmann::json::parse(read_file(report));
  CHECK_FALSE(json["diverged"].get<bool>());
  LONGS_EQUAL(3, json["pids"].size());
  CHECK_TRUE(json["exit"] == nlohmann::json({4, 4, 4}));
}

TEST(RunGroup, reports_the_divergence_the_kernel_found_and_exits_124)
{
  fake->group.state = device::GroupState::stopped;
  fake->group.cause = device::StopCause::args;
  fake->group.seq = 12;
  fake->group.variant = 1;
  fake->group.nr = 1;
  fake->group.part = 1;
  fake->group.offset = 0;
  fake->group.leader_bytes = {'h', 'i', '\n'};
  fake->group.variant_bytes = {'h', 'o', '\n'};
  const std::string report = dir + "/r.json";
  LONGS_EQUAL(124, execute({"-n2", "--report=" + report, "--", "true"}));
  STRCMP_EQUAL("umvx: divergence: arguments differ in call #12 write(...) of"
               " variant 1\n"
               "  part 1, from byte 0:\n"
               "  leader:    68 69 0a  hi.\n"
               "  variant 1: 68 6f 0a  ho.\n",
               err.str().c_str());
  const auto json = nlohmann::json::parse(read_file(report));
  CHECK_TRUE(json["diverged"].get<bool>());
  STRCMP_EQUAL("args", json["cause"].get<std::string>().c_str());
  STRCMP_EQUAL("68690a", json["leader"]["hex"].get<std::string>().c_str());
  LONGS_EQUAL(0, json["call"]["thread"].get<int>());
}

TEST(RunGroup, reports_the_thread_of_the_call_that_diverged)
{
  fake->group.state = device::GroupState::stopped;
  fake->group.cause = device::StopCause::call;
  fake->group.thread = 2;
  fake->group.seq = 3;
  fake->group.variant = 1;
  fake->group.nr = 1;
  fake->group.other_nr = 0;
  const std::string report = dir + "/r.json";
  LONGS_EQUAL(124, execute({"-n2", "--report=" + report, "--", "true"}));
  STRCMP_EQUAL("umvx: divergence: calls differ in call #3 write(...) of"
               " thread 2 of variant 1\n"
               "  the leader made write(...), variant 1 made read(...)\n",
               err.str().c_str());
  const auto json = nlohmann::json::parse(read_file(report));
  LONGS_EQUAL(2, json["call"]["thread"].get<int>());
  LONGS_EQUAL(3, json["call"]["seq"].get<int>());
}

TEST(RunGroup, calls_differing_exit_statuses_a_divergence)
{
  LONGS_EQUAL(124,
              execute({"--variant", "true", "--variant", "false", "--", "x"}));
  STRCMP_EQUAL("umvx: divergence: exit status differs: variant 1 exited with"
               " status 1, the leader exited with status 0\n",
               err.str().c_str());
  CHECK_TRUE(std::vector<std::uint32_t>{2} == fake->created);
}

TEST(RunGroup, gives_every_variant_program_as_argv0)
{
  const std::string out = dir + "/argv0";
  LONGS_EQUAL(0,
              execute({"--variant",
                       "sh",
                       "--variant",
                       "/bin/sh",
                       "--",
                       "leader-name",
                       "-c",
                       "tr '\\0' '\\n' < /proc/$$/cmdline | head -n 1 >> '"
                         + out + "'"}));
  STRCMP_EQUAL("leader-name\nleader-name\n", read_file(out).c_str());
}

TEST(RunGroup, preloads_libmvx_in_every_variant)
{
  const std::string out = dir + "/preload";
  LONGS_EQUAL(
    0,
    execute(
      {"-n", "2", "--", "sh", "-c", "echo $LD_PRELOAD >> '" + out + "'"}));
  const std::string line = std::string(UMVX_TEST_PRELOAD) + "\n";
  STRCMP_EQUAL((line + line).c_str(), read_file(out).c_str());
}

TEST(RunGroup, reports_a_variant_that_cannot_join_and_exits_125)
{
  fake->join_errno = ESRCH;
  LONGS_EQUAL(125, execute({"-n", "1", "--", "true"}));
  STRCMP_EQUAL("umvx: variant 0: cannot join the group: the group has"
               " stopped\n",
               err.str().c_str());
}

TEST(RunGroup, kills_the_other_variants_when_one_cannot_join)
{
  fake->join_errno = EBUSY;
  fake->join_fails_from = 2;
  const auto start = std::chrono::steady_clock::now();
  LONGS_EQUAL(125, execute({"-n", "3", "--", "sleep", "100"}));
  CHECK_TRUE(std::chrono::steady_clock::now() - start
             < std::chrono::seconds(50));
  STRCMP_EQUAL("umvx: variant 2: cannot join the group: device or resource"
               " busy (joined already, monitored, or not single-threaded)\n",
               err.str().c_str());
}

TEST(RunGroup, exits_125_when_the_device_cannot_be_opened)
{
  open_error = device::Error::open_failed("/dev/mvx-test", ENOENT);
  LONGS_EQUAL(125, execute({"-n", "2", "--", "true"}));
  STRCMP_EQUAL("umvx: /dev/mvx-test: no such device: the kmvx module is not"
               " loaded (load it with 'modprobe kmvx' or 'insmod kmvx.ko')\n",
               err.str().c_str());
}

TEST(RunGroup, exits_125_when_the_group_cannot_be_made)
{
  fake->create_errno = EBUSY;
  LONGS_EQUAL(125, execute({"-n", "2", "--", "true"}));
  STRCMP_EQUAL("umvx: /dev/mvx: cannot make a group of variants: device or"
               " resource busy\n",
               err.str().c_str());
}

TEST(RunGroup, exits_125_when_the_status_cannot_be_read)
{
  fake->group_errno = EINVAL;
  LONGS_EQUAL(125, execute({"-n", "2", "--", "true"}));
  STRCMP_EQUAL("umvx: /dev/mvx: cannot read the group's status: invalid"
               " argument\n",
               err.str().c_str());
}

TEST(RunGroup, creates_the_report_before_opening_the_device)
{
  LONGS_EQUAL(
    125, execute({"-n", "2", "--report", dir + "/no/r.json", "--", "true"}));
  STRCMP_EQUAL(
    ("umvx: " + dir + "/no/r.json: No such file or directory\n").c_str(),
    err.str().c_str());
  CHECK_TRUE(opened.empty());
}

TEST(RunGroup, calls_a_variant_that_cannot_be_executed_a_usage_error)
{
  LONGS_EQUAL(
    2, execute({"--variant", "true", "--variant", dir + "/none", "--", "x"}));
  STRCMP_EQUAL(
    ("umvx: --variant " + dir + "/none: No such file or directory\n").c_str(),
    err.str().c_str());
  err.str("");
  LONGS_EQUAL(2, execute({"--variant", "/etc/passwd", "--", "x"}));
  STRCMP_EQUAL("umvx: --variant /etc/passwd: Permission denied\n",
               err.str().c_str());
  CHECK_TRUE(opened.empty());
}

TEST(RunGroup, checks_variants_before_anything_else)
{
  surroundings.mvx_libmvx = "/nonexistent";
  LONGS_EQUAL(2, execute({"--variant", "no-such-program-umvx", "--", "x"}));
  STRCMP_EQUAL("umvx: --variant no-such-program-umvx: No such file or"
               " directory\n",
               err.str().c_str());
}

TEST(RunGroup, reports_a_missing_program_as_without_a_group)
{
  LONGS_EQUAL(127, execute({"-n", "2", "--", "no-such-program-umvx"}));
  STRCMP_EQUAL("umvx: no-such-program-umvx: No such file or directory\n",
               err.str().c_str());
  CHECK_TRUE(opened.empty());
}

TEST(RunGroup, refuses_a_static_variant_even_when_unmonitored_exec_is_allowed)
{
  // An ELF header without PT_INTERP, executable.
  Elf64_Ehdr header{};
  std::memcpy(header.e_ident, ELFMAG, SELFMAG);
  header.e_ident[EI_CLASS] = ELFCLASS64;
  header.e_ident[EI_DATA] = ELFDATA2LSB;
  header.e_type = ET_EXEC;
  header.e_phoff = sizeof(header);
  header.e_phentsize = sizeof(Elf64_Phdr);
  header.e_phnum = 1;
  Elf64_Phdr load{};
  load.p_type = PT_LOAD;
  const std::string file = dir + "/static";
  {
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(&header), sizeof(header));
    out.write(reinterpret_cast<const char*>(&load), sizeof(load));
  }
  CHECK_EQUAL(0, ::chmod(file.c_str(), 0755));
  LONGS_EQUAL(125,
              execute({"--allow-unmonitored-exec",
                       "--variant",
                       "true",
                       "--variant",
                       file,
                       "--",
                       "x"}));
  STRCMP_EQUAL(("umvx: " + file
                + " is statically linked and cannot load libmvx, which every"
                  " variant of a group needs\n")
                 .c_str(),
               err.str().c_str());
  CHECK_TRUE(opened.empty());
}

TEST(RunGroup, opens_no_device_without_a_group)
{
  LONGS_EQUAL(3, execute({"--", "sh", "-c", "exit 3"}));
  CHECK_TRUE(opened.empty());
  CHECK_TRUE(fake->created.empty());
}
