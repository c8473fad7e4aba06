#include "device/device.hpp"

#include "fake_device.hpp"

#include <cerrno>
#include <memory>

#include <CppUTest/TestHarness.h>

TEST_GROUP(VersionCheck){};

TEST(VersionCheck, knows_it_was_built_for_api_version_9)
{
  LONGS_EQUAL(9, device::api_version);
}

TEST(VersionCheck, accepts_a_module_speaking_the_same_api_version)
{
  device::Version version{device::api_version, 4168, 32};
  CHECK_TRUE(device::check_version(version, "/dev/mvx").ok());
}

TEST(VersionCheck, accepts_a_module_with_larger_structures)
{
  device::Version version{device::api_version, 8192, 64};
  CHECK_TRUE(device::check_version(version, "/dev/mvx").ok());
}

TEST(VersionCheck, rejects_a_module_speaking_another_api_version)
{
  device::Version version{device::api_version + 1, 4168, 32};
  auto checked = device::check_version(version, "/dev/mvx");
  CHECK_FALSE(checked.ok());
  CHECK_TRUE(checked.error().kind == device::Error::Kind::api_mismatch);
  LONGS_EQUAL(device::api_version + 1, checked.error().module_api);
  LONGS_EQUAL(device::api_version, checked.error().wanted_api);
  STRCMP_EQUAL("/dev/mvx", checked.error().device.c_str());
}

TEST(VersionCheck, hands_back_a_device_that_speaks_its_api)
{
  auto fake = std::make_unique<test::FakeDevice>();
  auto* raw = fake.get();
  auto device = device::verify_version(std::move(fake), "/dev/mvx");
  CHECK_TRUE(device.ok());
  POINTERS_EQUAL(raw, device->get());
}

TEST(VersionCheck, refuses_a_device_that_speaks_another_api)
{
  auto fake = std::make_unique<test::FakeDevice>();
  fake->reported_version.api_version = 1;
  auto device = device::verify_version(std::move(fake), "/dev/mvx");
  CHECK_FALSE(device.ok());
  STRCMP_EQUAL("/dev/mvx: kmvx speaks API version 1, umvx needs 9",
               device::describe(device.error()).c_str());
}

TEST(VersionCheck, refuses_a_file_that_does_not_know_the_version_ioctl)
{
  auto fake = std::make_unique<test::FakeDevice>();
  fake->version_errno = ENOTTY;
  auto device = device::verify_version(std::move(fake), "/dev/mvx");
  CHECK_FALSE(device.ok());
  CHECK_TRUE(device.error().kind == device::Error::Kind::query_version);
  LONGS_EQUAL(ENOTTY, device.error().err);
}
