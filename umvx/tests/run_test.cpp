#include "run/elf.hpp"
#include "run/environment.hpp"
#include "run/launch.hpp"
#include "run/options.hpp"

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>

#include <CppUTest/TestHarness.h>

namespace {

std::string
rejection(const std::vector<std::string>& args)
{
  auto options = run::parse(args);
  CHECK_FALSE(options.ok());
  return options.ok() ? "" : options.error();
}

// A 64-bit ELF header and program headers of the given types.
std::string
elf_image(std::initializer_list<std::uint32_t> types)
{
  Elf64_Ehdr header{};
  std::memcpy(header.e_ident, ELFMAG, SELFMAG);
  header.e_ident[EI_CLASS] = ELFCLASS64;
  header.e_ident[EI_DATA] = ELFDATA2LSB;
  header.e_type = ET_EXEC;
  header.e_phoff = sizeof(header);
  header.e_phentsize = sizeof(Elf64_Phdr);
  header.e_phnum = static_cast<Elf64_Half>(types.size());
  std::string bytes(reinterpret_cast<const char*>(&header), sizeof(header));
  for (auto type : types) {
    Elf64_Phdr program_header{};
    program_header.p_type = type;
    bytes.append(reinterpret_cast<const char*>(&program_header),
                 sizeof(program_header));
  }
  return bytes;
}

} // namespace

TEST_GROUP(RunOptions){};

TEST(RunOptions, takes_the_program_and_its_arguments_after_the_dashes)
{
  auto options = run::parse({"--", "ls", "-l", "--", "x"});
  CHECK_TRUE(options.ok());
  LONGS_EQUAL(4, options->argv.size());
  STRCMP_EQUAL("ls", options->argv[0].c_str());
  STRCMP_EQUAL("--", options->argv[2].c_str());
  CHECK_FALSE(options->policy);
  CHECK_FALSE(options->allow_unmonitored_exec);
}

TEST(RunOptions, takes_a_policy_exempt_lists_and_unmonitored_exec)
{
  auto options = run::parse({"--policy",
                             "p.policy",
                             "--exempt=getpid,clock_gettime",
                             "--exempt",
                             "39",
                             "--allow-unmonitored-exec",
                             "--",
                             "prog"});
  CHECK_TRUE(options.ok());
  STRCMP_EQUAL("p.policy", options->policy->c_str());
  LONGS_EQUAL(3, options->exempt.size());
  STRCMP_EQUAL("clock_gettime", options->exempt[1].c_str());
  STRCMP_EQUAL("39", options->exempt[2].c_str());
  CHECK_TRUE(options->allow_unmonitored_exec);
}

TEST(RunOptions, rejects_what_it_does_not_know)
{
  STRCMP_EQUAL("unknown option '--foo' for run",
               rejection({"--foo", "--", "x"}).c_str());
  STRCMP_EQUAL("missing '--' before the program 'x'", rejection({"x"}).c_str());
  STRCMP_EQUAL("no program given after '--'", rejection({"--"}).c_str());
  STRCMP_EQUAL("no program given (use umvx run [OPTIONS] -- PROGRAM"
               " [ARGS...])",
               rejection({}).c_str());
  STRCMP_EQUAL("option '--policy' requires an argument",
               rejection({"--policy"}).c_str());
  STRCMP_EQUAL("unknown system call 'getpidd' in --exempt",
               rejection({"--exempt", "getpid,getpidd", "--", "x"}).c_str());
  STRCMP_EQUAL("empty system call name in --exempt 'read,,write'",
               rejection({"--exempt", "read,,write", "--", "x"}).c_str());
  STRCMP_EQUAL("option '--allow-unmonitored-exec' doesn't allow an argument",
               rejection({"--allow-unmonitored-exec=1", "--", "x"}).c_str());
}

TEST(RunOptions, asks_for_help)
{
  CHECK_TRUE(run::parse({"--help"})->help);
}

TEST_GROUP(RunEnvironment)
{
  run::Options options;
};

TEST(RunEnvironment, preloads_libmvx_first_and_keeps_other_preloads_after_it)
{
  auto env = run::make_environment(
    {"HOME=/root", "LD_PRELOAD=/a.so /lib/mvx/libmvx.so:/b.so"},
    "/lib/mvx/libmvx.so",
    options,
    std::nullopt);
  LONGS_EQUAL(2, env.size());
  STRCMP_EQUAL("HOME=/root", env[0].c_str());
  STRCMP_EQUAL("LD_PRELOAD=/lib/mvx/libmvx.so:/a.so:/b.so", env[1].c_str());
}

TEST(RunEnvironment, sets_the_monitor_variables_from_the_options_only)
{
  options.exempt = {"getpid", "39"};
  options.allow_unmonitored_exec = true;
  auto env = run::make_environment({"MVX_POLICY=/old",
                                    "MVX_EXEMPT=read",
                                    "MVX_ALLOW_UNMONITORED_EXEC=1",
                                    "A=1"},
                                   "/l.so",
                                   options,
                                   std::string("/tmp/p.policy"));
  const std::vector<std::string> expected{"A=1",
                                          "LD_PRELOAD=/l.so",
                                          "MVX_POLICY=/tmp/p.policy",
                                          "MVX_EXEMPT=getpid,39",
                                          "MVX_ALLOW_UNMONITORED_EXEC=1"};
  CHECK_TRUE(expected == env);
}

TEST(RunEnvironment, leaves_the_monitor_variables_out_without_options)
{
  auto env = run::make_environment(
    {"MVX_POLICY=/old", "PATH=/bin"}, "/l.so", options, std::nullopt);
  const std::vector<std::string> expected{"PATH=/bin", "LD_PRELOAD=/l.so"};
  CHECK_TRUE(expected == env);
}

TEST(RunEnvironment, makes_a_relative_policy_path_absolute)
{
  STRCMP_EQUAL("/home/u/p.policy",
               run::absolute_path("p.policy", "/home/u").c_str());
  STRCMP_EQUAL("/p.policy", run::absolute_path("p.policy", "/").c_str());
  STRCMP_EQUAL("/etc/p", run::absolute_path("/etc/p", "/home/u").c_str());
}

TEST(RunEnvironment, finds_libmvx_next_to_umvx_before_the_installed_one)
{
  STRCMP_EQUAL("/opt/mvx/lib/mvx/libmvx.so",
               run::beside_umvx("/opt/mvx/bin/umvx").c_str());
  run::LibmvxPlaces places{std::nullopt, "/b/libmvx.so", "/i/libmvx.so"};
  std::vector<std::string> asked;
  auto only = [&](std::string present) {
    return [&asked, present](const std::string& p) {
      asked.push_back(p);
      return p == present ? 0 : ENOENT;
    };
  };
  STRCMP_EQUAL("/b/libmvx.so",
               run::find_libmvx(places, only("/b/libmvx.so"))->c_str());
  STRCMP_EQUAL("/i/libmvx.so",
               run::find_libmvx(places, only("/i/libmvx.so"))->c_str());
  auto none = run::find_libmvx(places, only("/x"));
  STRCMP_EQUAL("cannot find libmvx.so (looked for /b/libmvx.so and"
               " /i/libmvx.so; set MVX_LIBMVX)",
               none.error().c_str());
}

TEST(RunEnvironment, uses_only_MVX_LIBMVX_when_it_is_set)
{
  run::LibmvxPlaces places{std::string("/env.so"), "/b.so", "/i.so"};
  auto present
    = [](const std::string& p) { return p == "/env.so" ? 0 : ENOENT; };
  STRCMP_EQUAL("/env.so", run::find_libmvx(places, present)->c_str());
  places.env = "/nonexistent";
  auto missing
    = run::find_libmvx(places, [](const std::string&) { return ENOENT; });
  STRCMP_EQUAL("MVX_LIBMVX=/nonexistent: No such file or directory",
               missing.error().c_str());
}

TEST_GROUP(RunElf){};

TEST(RunElf, sees_that_its_own_binary_is_dynamic)
{
  auto linked = run::linkage("/proc/self/exe");
  CHECK_TRUE(linked.ok());
  CHECK_TRUE(*linked == run::Linkage::dynamic);
}

TEST(RunElf, sees_a_static_program_without_an_interpreter)
{
  CHECK_TRUE(run::linkage_of(elf_image({PT_LOAD, PT_LOAD, PT_GNU_STACK}))
             == run::Linkage::static_elf);
  CHECK_TRUE(run::linkage_of(elf_image({PT_PHDR, PT_INTERP, PT_LOAD}))
             == run::Linkage::dynamic);
}

TEST(RunElf, reads_the_headers_from_a_file)
{
  char name[] = "/tmp/umvx-elf-XXXXXX";
  const int fd = ::mkstemp(name);
  CHECK_TRUE(fd >= 0);
  const auto bytes = elf_image({PT_LOAD});
  CHECK_TRUE(::write(fd, bytes.data(), bytes.size())
             == static_cast<ssize_t>(bytes.size()));
  ::close(fd);
  auto linked = run::linkage(name);
  ::unlink(name);
  CHECK_TRUE(linked.ok());
  CHECK_TRUE(*linked == run::Linkage::static_elf);
}

TEST(RunElf, leaves_scripts_and_short_files_to_execve)
{
  CHECK_TRUE(run::linkage_of("#!/bin/sh\necho hi\n") == run::Linkage::not_elf);
  CHECK_TRUE(run::linkage_of("\177ELF") == run::Linkage::not_elf);
  CHECK_TRUE(run::linkage_of("") == run::Linkage::not_elf);
}

TEST(RunElf, resolves_a_program_through_path_as_execvp)
{
  auto sh = run::resolve("sh", "/nonexistent::/bin:/usr/bin");
  CHECK_TRUE(sh.ok());
  STRCMP_EQUAL("/bin/sh", sh->c_str());
  LONGS_EQUAL(ENOENT, run::resolve("no-such-program-umvx", "/bin").error());
  LONGS_EQUAL(EACCES, run::resolve("passwd", "/etc").error());
  LONGS_EQUAL(ENOENT, run::resolve("./no/such/program", "/bin").error());
}

TEST_GROUP(RunExitStatus){};

TEST(RunExitStatus, passes_the_programs_status_on)
{
  LONGS_EQUAL(0, run::exit_status(0));
  LONGS_EQUAL(7, run::exit_status(7 << 8));
  LONGS_EQUAL(255, run::exit_status(255 << 8));
}

TEST(RunExitStatus, gives_128_plus_the_signal_that_killed_it)
{
  LONGS_EQUAL(128 + SIGTERM, run::exit_status(SIGTERM));
  LONGS_EQUAL(128 + SIGKILL, run::exit_status(SIGKILL));
  LONGS_EQUAL(128 + SIGSEGV, run::exit_status(SIGSEGV | 0x80));
}

TEST_GROUP(RunGroupOptions){};

TEST(RunGroupOptions, runs_no_group_without_n_or_variant)
{
  auto options = run::parse({"--", "prog"});
  CHECK_TRUE(options.ok());
  LONGS_EQUAL(0, options->variants);
  CHECK_FALSE(options->group());
  CHECK_TRUE(options->variant_files.empty());
  CHECK_FALSE(options->report);
}

TEST(RunGroupOptions, takes_the_number_of_variants_in_every_spelling)
{
  for (const auto& args : std::vector<std::vector<std::string>>{
         {"-n", "3", "--", "prog"},
         {"-n3", "--", "prog"},
         {"--variants", "3", "--", "prog"},
         {"--variants=3", "--", "prog"},
         {"-n", "8", "-n", "3", "--", "prog"}}) {
    auto options = run::parse(args);
    CHECK_TRUE(options.ok());
    LONGS_EQUAL(3, options->variants);
    CHECK_TRUE(options->group());
    CHECK_TRUE(options->variant_files.empty());
  }
}

TEST(RunGroupOptions, takes_one_to_eight_variants)
{
  LONGS_EQUAL(1, run::parse({"-n", "1", "--", "p"})->variants);
  LONGS_EQUAL(8, run::parse({"-n", "8", "--", "p"})->variants);
  LONGS_EQUAL(2, run::parse({"-n", "02", "--", "p"})->variants);
}

TEST(RunGroupOptions, counts_one_variant_per_variant_option_leader_first)
{
  auto options = run::parse({"--variant",
                             "./a",
                             "--variant=./b",
                             "--report",
                             "r.json",
                             "--",
                             "prog",
                             "x"});
  CHECK_TRUE(options.ok());
  LONGS_EQUAL(2, options->variants);
  const std::vector<std::string> files{"./a", "./b"};
  CHECK_TRUE(files == options->variant_files);
  STRCMP_EQUAL("r.json", options->report->c_str());
  const std::vector<std::string> argv{"prog", "x"};
  CHECK_TRUE(argv == options->argv);
}

TEST(RunGroupOptions, accepts_n_equal_to_the_count_of_variant_options)
{
  auto options
    = run::parse({"--variant", "a", "-n", "2", "--variant", "b", "--", "p"});
  CHECK_TRUE(options.ok());
  LONGS_EQUAL(2, options->variants);
}

TEST(RunGroupOptions, rejects_a_number_of_variants_out_of_range)
{
  STRCMP_EQUAL("invalid number of variants '0' (use 1 to 8)",
               rejection({"-n", "0", "--", "p"}).c_str());
  STRCMP_EQUAL("invalid number of variants '9' (use 1 to 8)",
               rejection({"-n", "9", "--", "p"}).c_str());
  STRCMP_EQUAL("invalid number of variants '4294967297' (use 1 to 8)",
               rejection({"-n", "4294967297", "--", "p"}).c_str());
}

TEST(RunGroupOptions, rejects_a_number_of_variants_that_is_no_number)
{
  STRCMP_EQUAL("invalid number of variants 'abc' (use 1 to 8)",
               rejection({"-n", "abc", "--", "p"}).c_str());
  STRCMP_EQUAL("invalid number of variants '-1' (use 1 to 8)",
               rejection({"-n", "-1", "--", "p"}).c_str());
  STRCMP_EQUAL("invalid number of variants '' (use 1 to 8)",
               rejection({"--variants=", "--", "p"}).c_str());
  STRCMP_EQUAL("invalid number of variants ' 2' (use 1 to 8)",
               rejection({"-n", " 2", "--", "p"}).c_str());
  STRCMP_EQUAL("option '-n' requires an argument", rejection({"-n"}).c_str());
  STRCMP_EQUAL("option '--variants' requires an argument",
               rejection({"--variants"}).c_str());
}

TEST(RunGroupOptions, rejects_n_that_does_not_match_the_variant_options)
{
  STRCMP_EQUAL(
    "option '-n 3' does not match the 2 --variant options",
    rejection({"-n", "3", "--variant", "a", "--variant", "b", "--", "p"})
      .c_str());
}

TEST(RunGroupOptions, rejects_more_variant_options_than_a_group_holds)
{
  std::vector<std::string> args;
  for (int i = 0; i < 9; ++i) {
    args.insert(args.end(), {"--variant", "a"});
  }
  args.insert(args.end(), {"--", "p"});
  STRCMP_EQUAL("too many --variant options: 9 (use 1 to 8)",
               rejection(args).c_str());
}

TEST(RunGroupOptions, rejects_a_group_with_a_pid)
{
  STRCMP_EQUAL("options '-n' and '-p' cannot be used together",
               rejection({"-n", "2", "-p", "1", "--", "p"}).c_str());
  STRCMP_EQUAL("options '-n' and '-p' cannot be used together",
               rejection({"-p1", "-n2", "--", "p"}).c_str());
  STRCMP_EQUAL("options '-n' and '--pid' cannot be used together",
               rejection({"--pid=1", "-n", "2", "--", "p"}).c_str());
  STRCMP_EQUAL("options '--variant' and '-p' cannot be used together",
               rejection({"--variant", "a", "-p", "1", "--", "p"}).c_str());
  STRCMP_EQUAL("options '-n' and '-p' cannot be used together",
               rejection({"-n", "2", "-p", "1"}).c_str());
}

TEST(RunGroupOptions, rejects_a_pid_without_a_group_as_before)
{
  STRCMP_EQUAL("unknown option '-p' for run",
               rejection({"-p", "1", "--", "p"}).c_str());
  STRCMP_EQUAL("option '-p' requires an argument", rejection({"-p"}).c_str());
}

TEST(RunGroupOptions, rejects_a_report_without_a_group)
{
  STRCMP_EQUAL("option '--report' requires -n or --variant",
               rejection({"--report", "r.json", "--", "p"}).c_str());
  STRCMP_EQUAL("option '--report' requires -n or --variant",
               rejection({"--report=r.json"}).c_str());
}

TEST(RunGroupOptions, rejects_empty_file_names)
{
  STRCMP_EQUAL("option '--variant' requires a file name",
               rejection({"--variant=", "--", "p"}).c_str());
  STRCMP_EQUAL("option '--report' requires a file name",
               rejection({"-n", "2", "--report", "", "--", "p"}).c_str());
  STRCMP_EQUAL("option '--variant' requires an argument",
               rejection({"--variant"}).c_str());
}

TEST(RunGroupOptions, still_wants_a_program_after_the_dashes)
{
  STRCMP_EQUAL("no program given after '--'",
               rejection({"--variant", "a", "--"}).c_str());
}

TEST(RunGroupOptions, usage_names_the_group_options_and_status_124)
{
  const std::string usage = run::usage_text();
  for (const char* word :
       {"-n, --variants N", "--variant FILE", "--report FILE", "124"}) {
    CHECK_TRUE(usage.find(word) != std::string::npos);
  }
}
