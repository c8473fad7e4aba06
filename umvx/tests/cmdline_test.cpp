#include "proc/cmdline.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <CppUTest/TestHarness.h>

TEST_GROUP(Cmdline)
{
  std::string root;

  void setup() override
  {
    char dir[] = "/tmp/umvx-cmdline-XXXXXX";
    CHECK_TRUE(::mkdtemp(dir) != nullptr);
    root = dir;
  }

  void teardown() override
  {
    std::remove((root + "/42/cmdline").c_str());
    ::rmdir((root + "/42").c_str());
    ::rmdir(root.c_str());
  }

  void write_cmdline(const std::string& content)
  {
    ::mkdir((root + "/42").c_str(), 0700);
    std::ofstream(root + "/42/cmdline", std::ios::binary) << content;
  }
};

TEST(Cmdline, joins_the_arguments_with_blanks)
{
  write_cmdline(std::string("fakeproc\0--log\0/tmp/x\0", 23));
  auto cmdline = proc::read_cmdline(42, root);
  CHECK_TRUE(cmdline.has_value());
  STRCMP_EQUAL("fakeproc --log /tmp/x", cmdline->c_str());
}

TEST(Cmdline, keeps_a_command_line_the_process_rewrote_without_nuls)
{
  write_cmdline("nginx: worker process");
  STRCMP_EQUAL("nginx: worker process", proc::read_cmdline(42, root)->c_str());
}

TEST(Cmdline, gives_nothing_for_an_empty_command_line)
{
  write_cmdline("");
  CHECK_FALSE(proc::read_cmdline(42, root).has_value());
}

TEST(Cmdline, gives_nothing_for_a_process_that_does_not_exist)
{
  CHECK_FALSE(proc::read_cmdline(42, root).has_value());
}

TEST(Cmdline, reads_at_most_the_bytes_asked_for)
{
  write_cmdline(std::string(5000, 'a'));
  LONGS_EQUAL(100, proc::read_cmdline(42, root, 100)->size());
}

TEST(Cmdline, reads_the_command_line_of_this_test_program_from_proc)
{
  auto cmdline = proc::read_cmdline(::getpid());
  CHECK_TRUE(cmdline.has_value());
  CHECK_TRUE(cmdline->find("umvx_tests") != std::string::npos);
}
