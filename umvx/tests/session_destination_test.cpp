#include "session/destination.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <CppUTest/TestHarness.h>

TEST_GROUP(SessionDestination)
{
  std::string dir;
  std::string path;

  void setup() override
  {
    char name[] = "/tmp/umvx-dest-XXXXXX";
    CHECK_TRUE(::mkdtemp(name) != nullptr);
    dir = name;
    path = dir + "/out";
  }

  void teardown() override
  {
    std::remove(path.c_str());
    ::rmdir(dir.c_str());
  }

  off_t size() const
  {
    struct stat st;
    CHECK_TRUE(::stat(path.c_str(), &st) == 0);
    return st.st_size;
  }
};

TEST(SessionDestination, opens_write_only_close_on_exec_and_appending)
{
  auto fd = session::open_destination(path, false);
  CHECK_TRUE(fd.ok());
  const int flags = ::fcntl(fd->get(), F_GETFL);
  LONGS_EQUAL(O_WRONLY, flags & O_ACCMODE);
  CHECK_TRUE((flags & O_APPEND) != 0);
  CHECK_TRUE((::fcntl(fd->get(), F_GETFD) & FD_CLOEXEC) != 0);
}

TEST(SessionDestination, creates_the_file_0644_less_the_umask)
{
  const mode_t old = ::umask(027);
  auto fd = session::open_destination(path, false);
  ::umask(old);
  CHECK_TRUE(fd.ok());
  struct stat st;
  CHECK_TRUE(::stat(path.c_str(), &st) == 0);
  LONGS_EQUAL(0640, st.st_mode & 07777);
}

TEST(SessionDestination, keeps_what_the_file_held)
{
  std::ofstream(path) << "before\n";
  auto fd = session::open_destination(path, false);
  CHECK_TRUE(fd.ok());
  LONGS_EQUAL(7, size());
}

TEST(SessionDestination, empties_the_file_when_asked_to_truncate)
{
  std::ofstream(path) << "before\n";
  auto fd = session::open_destination(path, true);
  CHECK_TRUE(fd.ok());
  LONGS_EQUAL(0, size());
  CHECK_TRUE((::fcntl(fd->get(), F_GETFL) & O_APPEND) == 0);
}

TEST(SessionDestination, uses_append_or_truncate_never_both)
{
  const int append = session::destination_flags(false);
  const int truncate = session::destination_flags(true);
  CHECK_TRUE((append & O_APPEND) && !(append & O_TRUNC));
  CHECK_TRUE((truncate & O_TRUNC) && !(truncate & O_APPEND));
  for (int flags : {append, truncate}) {
    LONGS_EQUAL(O_WRONLY, flags & O_ACCMODE);
    CHECK_TRUE((flags & O_CREAT) && (flags & O_CLOEXEC));
  }
}

TEST(SessionDestination, opens_a_terminal_or_device)
{
  auto fd = session::open_destination("/dev/null", false);
  CHECK_TRUE(fd.ok());
}

TEST(SessionDestination, reports_errno_and_the_path_it_could_not_open)
{
  const std::string missing = dir + "/no/such/file";
  auto fd = session::open_destination(missing, false);
  CHECK_FALSE(fd.ok());
  LONGS_EQUAL(ENOENT, fd.error().err);
  STRCMP_EQUAL(missing.c_str(), fd.error().context.c_str());
}
