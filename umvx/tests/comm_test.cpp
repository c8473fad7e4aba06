#include "proc/comm.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <CppUTest/TestHarness.h>

TEST_GROUP(Comm)
{
  std::string root;

  void setup() override
  {
    char dir[] = "/tmp/umvx-comm-XXXXXX";
    CHECK_TRUE(::mkdtemp(dir) != nullptr);
    root = dir;
  }

  void teardown() override
  {
    std::remove((root + "/42/comm").c_str());
    ::rmdir((root + "/42").c_str());
    ::rmdir(root.c_str());
  }

  void write_comm(const std::string& content)
  {
    ::mkdir((root + "/42").c_str(), 0700);
    std::ofstream(root + "/42/comm") << content;
  }
};

TEST(Comm, reads_the_name_without_its_newline)
{
  write_comm("fakeproc\n");
  auto comm = proc::read_comm(42, root);
  CHECK_TRUE(comm.has_value());
  STRCMP_EQUAL("fakeproc", comm->c_str());
}

TEST(Comm, keeps_blanks_inside_the_name)
{
  write_comm("kworker 0:1\n");
  STRCMP_EQUAL("kworker 0:1", proc::read_comm(42, root)->c_str());
}

TEST(Comm, gives_nothing_for_a_process_that_does_not_exist)
{
  CHECK_FALSE(proc::read_comm(42, root).has_value());
}

TEST(Comm, reads_the_name_of_this_test_program_from_proc)
{
  auto comm = proc::read_comm(::getpid());
  CHECK_TRUE(comm.has_value());
  // The kernel keeps the first 15 bytes of the executable's name.
  const std::string name(program_invocation_short_name);
  STRCMP_EQUAL(name.substr(0, 15).c_str(), comm->c_str());
}
