#include "device/list.hpp"

#include "fake_device.hpp"

#include <cerrno>
#include <string>

#include <CppUTest/TestHarness.h>

using device::FileType;

namespace {

void
open_files(test::FakeDevice& fake, int count)
{
  for (int i = 0; i < count; ++i) {
    const int fd = static_cast<int>(fake.fds.size());
    fake.fds.push_back(
      test::fd_info(fd, FileType::regular, "/f" + std::to_string(fd)));
  }
}

} // namespace

TEST_GROUP(FdListing)
{
  test::FakeDevice fake;
};

TEST(FdListing, asks_for_64_entries_first)
{
  open_files(fake, 3);
  auto list = device::list_open_fds(fake, 1234);
  CHECK_TRUE(list.ok());
  LONGS_EQUAL(1, fake.capacities.size());
  LONGS_EQUAL(64, fake.capacities[0]);
  LONGS_EQUAL(1234, fake.pids[0]);
  LONGS_EQUAL(3, list->fds.size());
  LONGS_EQUAL(3, list->total);
}

TEST(FdListing, returns_descriptors_in_the_order_the_device_gives)
{
  open_files(fake, 3);
  auto list = device::list_open_fds(fake, 1);
  STRCMP_EQUAL("/f0", list->fds[0].path.c_str());
  STRCMP_EQUAL("/f2", list->fds[2].path.c_str());
}

TEST(FdListing, does_not_retry_when_exactly_64_are_open)
{
  open_files(fake, 64);
  auto list = device::list_open_fds(fake, 1);
  LONGS_EQUAL(1, fake.capacities.size());
  LONGS_EQUAL(64, list->fds.size());
}

TEST(FdListing, retries_with_room_for_the_total_and_16_more)
{
  open_files(fake, 100);
  auto list = device::list_open_fds(fake, 1);
  CHECK_TRUE(list.ok());
  LONGS_EQUAL(2, fake.capacities.size());
  LONGS_EQUAL(116, fake.capacities[1]);
  LONGS_EQUAL(100, list->fds.size());
  LONGS_EQUAL(100, list->total);
}

TEST(FdListing, retries_again_when_the_process_keeps_opening_files)
{
  open_files(fake, 100);
  fake.on_list = [](test::FakeDevice& f) {
    if (f.capacities.size() == 2) {
      open_files(f, 50);
    }
  };
  auto list = device::list_open_fds(fake, 1);
  LONGS_EQUAL(3, fake.capacities.size());
  LONGS_EQUAL(166, fake.capacities[2]);
  LONGS_EQUAL(150, list->fds.size());
}

TEST(FdListing, gives_up_after_four_calls_with_an_incomplete_list)
{
  open_files(fake, 100);
  fake.on_list = [](test::FakeDevice& f) { open_files(f, 500); };
  auto list = device::list_open_fds(fake, 1);
  CHECK_TRUE(list.ok());
  LONGS_EQUAL(4, fake.capacities.size());
  CHECK_TRUE(list->total > list->fds.size());
  LONGS_EQUAL(fake.capacities[3], list->fds.size());
}

TEST(FdListing, never_asks_for_more_than_the_device_maximum)
{
  fake.unlisted = 100000;
  auto list = device::list_open_fds(fake, 1);
  CHECK_TRUE(list.ok());
  LONGS_EQUAL(2, fake.capacities.size());
  LONGS_EQUAL(device::max_list_capacity, fake.capacities[1]);
  LONGS_EQUAL(100000, list->total);
}

TEST(FdListing, passes_a_device_error_on)
{
  fake.list_errno = ESRCH;
  auto list = device::list_open_fds(fake, 4242);
  CHECK_FALSE(list.ok());
  CHECK_TRUE(list.error().kind == device::Error::Kind::list_fds);
  LONGS_EQUAL(ESRCH, list.error().err);
  LONGS_EQUAL(4242, list.error().pid);
  LONGS_EQUAL(1, fake.capacities.size());
}

TEST(FdListing, passes_an_error_from_a_retry_on)
{
  open_files(fake, 100);
  fake.on_list = [](test::FakeDevice& f) {
    if (f.capacities.size() == 2) {
      f.list_errno = ESRCH;
    }
  };
  auto list = device::list_open_fds(fake, 1);
  CHECK_FALSE(list.ok());
  LONGS_EQUAL(ESRCH, list.error().err);
}
