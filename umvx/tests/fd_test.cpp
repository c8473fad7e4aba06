#include "util/fd.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include <CppUTest/TestHarness.h>

namespace {

bool
is_open(int fd)
{
  return ::fcntl(fd, F_GETFD) != -1;
}

int
open_null()
{
  return ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

} // namespace

TEST_GROUP(Fd){};

TEST(Fd, is_invalid_by_default)
{
  util::Fd fd;
  CHECK_FALSE(fd.valid());
  LONGS_EQUAL(-1, fd.get());
}

TEST(Fd, closes_its_descriptor_when_destroyed)
{
  int raw = open_null();
  CHECK_TRUE(raw >= 0);
  {
    util::Fd fd(raw);
    CHECK_TRUE(is_open(raw));
  }
  CHECK_FALSE(is_open(raw));
}

TEST(Fd, hands_ownership_over_when_moved)
{
  int raw = open_null();
  util::Fd first(raw);
  util::Fd second(std::move(first));
  CHECK_FALSE(first.valid());
  LONGS_EQUAL(raw, second.get());
  CHECK_TRUE(is_open(raw));
}

TEST(Fd, closes_the_old_descriptor_when_assigned_another)
{
  int a = open_null();
  int b = open_null();
  util::Fd fd(a);
  fd = util::Fd(b);
  CHECK_FALSE(is_open(a));
  LONGS_EQUAL(b, fd.get());
}

TEST(Fd, leaves_the_descriptor_open_when_released)
{
  int raw = open_null();
  {
    util::Fd fd(raw);
    LONGS_EQUAL(raw, fd.release());
  }
  CHECK_TRUE(is_open(raw));
  ::close(raw);
}
