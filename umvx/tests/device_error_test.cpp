#include "device/error.hpp"

#include <cerrno>
#include <string>

#include <CppUTest/TestHarness.h>

using device::Error;

namespace {

std::string
open_message(int err, const char* path = "/dev/mvx")
{
  return device::describe(Error::open_failed(path, err));
}

std::string
list_message(pid_t pid, int err)
{
  return device::describe(Error::list_failed("/dev/mvx", pid, err));
}

} // namespace

TEST_GROUP(DeviceError){};

TEST(DeviceError, says_the_module_is_not_loaded_when_the_node_is_missing)
{
  const char* expected
    = "/dev/mvx: no such device: the kmvx module is not loaded"
      " (load it with 'modprobe kmvx' or 'insmod kmvx.ko')";
  STRCMP_EQUAL(expected, open_message(ENOENT).c_str());
  STRCMP_EQUAL(expected, open_message(ENODEV).c_str());
  STRCMP_EQUAL(expected, open_message(ENXIO).c_str());
}

TEST(DeviceError, names_the_device_path_it_tried)
{
  STRCMP_EQUAL("/nonexistent: no such device: the kmvx module is not loaded"
               " (load it with 'modprobe kmvx' or 'insmod kmvx.ko')",
               open_message(ENOENT, "/nonexistent").c_str());
}

TEST(DeviceError, says_to_run_as_root_when_opening_is_denied)
{
  STRCMP_EQUAL("/dev/mvx: permission denied (run umvx as root)",
               open_message(EACCES).c_str());
  STRCMP_EQUAL("/dev/mvx: permission denied (run umvx as root)",
               open_message(EPERM).c_str());
}

TEST(DeviceError, gives_other_open_errors_as_strerror_text)
{
  STRCMP_EQUAL("/dev/mvx: device or resource busy",
               open_message(EBUSY).c_str());
}

TEST(DeviceError, says_a_file_that_rejects_the_version_ioctl_is_no_mvx_device)
{
  STRCMP_EQUAL(
    "/dev/null: inappropriate ioctl for device (not an mvx device)",
    device::describe(Error::version_failed("/dev/null", ENOTTY)).c_str());
  STRCMP_EQUAL(
    "/dev/mvx: bad address",
    device::describe(Error::version_failed("/dev/mvx", EFAULT)).c_str());
}

TEST(DeviceError, names_both_api_versions_on_a_mismatch)
{
  STRCMP_EQUAL("/dev/mvx: kmvx speaks API version 2, umvx needs 1",
               device::describe(Error::wrong_api("/dev/mvx", 2, 1)).c_str());
}

TEST(DeviceError, says_no_such_process_for_esrch)
{
  STRCMP_EQUAL("pid 4242: no such process", list_message(4242, ESRCH).c_str());
}

TEST(DeviceError, explains_eperm_as_ptrace_permission)
{
  STRCMP_EQUAL("pid 1: operation not permitted (may not ptrace this process)",
               list_message(1, EPERM).c_str());
}

TEST(DeviceError, explains_einval_as_kernel_thread_or_exiting_process)
{
  STRCMP_EQUAL(
    "pid 2: invalid argument (a kernel thread or an exiting process)",
    list_message(2, EINVAL).c_str());
}

TEST(DeviceError, gives_other_list_errors_as_strerror_text)
{
  STRCMP_EQUAL("pid 7: cannot allocate memory",
               list_message(7, ENOMEM).c_str());
  STRCMP_EQUAL("pid 7: argument list too long", list_message(7, E2BIG).c_str());
}

TEST(DeviceError, counts_open_version_and_api_errors_as_an_unusable_device)
{
  CHECK_TRUE(device::device_unusable(Error::open_failed("/dev/mvx", ENOENT)));
  CHECK_TRUE(
    device::device_unusable(Error::version_failed("/dev/mvx", ENOTTY)));
  CHECK_TRUE(device::device_unusable(Error::wrong_api("/dev/mvx", 2, 1)));
}

TEST(DeviceError, counts_list_errors_as_a_failed_request)
{
  CHECK_FALSE(
    device::device_unusable(Error::list_failed("/dev/mvx", 1, ESRCH)));
}
