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

namespace {

std::string
start_message(int err, Error::FdState state = Error::FdState::unknown)
{
  auto error = Error::start_failed("/dev/mvx", 1234, 3, err);
  error.fd_state = state;
  return device::describe(error);
}

Error
running(Error error)
{
  error.pid = 1234;
  error.fd = 3;
  return error;
}

} // namespace

TEST(DeviceError, words_a_session_on_a_missing_process_as_a_listing)
{
  STRCMP_EQUAL("pid 1234: no such process", start_message(ESRCH).c_str());
  STRCMP_EQUAL(
    "pid 1234: operation not permitted (may not ptrace this process)",
    start_message(EPERM).c_str());
  STRCMP_EQUAL("pid 1234: permission denied (may not ptrace this process)",
               start_message(EACCES).c_str());
  STRCMP_EQUAL(
    "pid 1234: invalid argument (a kernel thread or an exiting process)",
    start_message(EINVAL).c_str());
}

TEST(DeviceError, says_which_way_a_session_descriptor_is_bad)
{
  STRCMP_EQUAL("pid 1234: fd 3: not open",
               start_message(EBADF, Error::FdState::not_open).c_str());
  STRCMP_EQUAL("pid 1234: fd 3: not open for writing",
               start_message(EBADF, Error::FdState::not_writable).c_str());
  STRCMP_EQUAL("pid 1234: fd 3: bad file descriptor",
               start_message(EBADF).c_str());
}

TEST(DeviceError, says_a_descriptor_is_already_in_a_session)
{
  STRCMP_EQUAL("pid 1234: fd 3: already in a session",
               start_message(EBUSY).c_str());
}

TEST(DeviceError, asks_whether_a_process_that_did_not_respond_is_stopped)
{
  STRCMP_EQUAL("pid 1234: the process did not respond (is it stopped?)",
               start_message(ETIMEDOUT).c_str());
  STRCMP_EQUAL(
    "pid 1234: the process did not respond (is it stopped?)",
    device::describe(
      running(Error::ctl_failed("/dev/mvx", device::SessionOp::end, ETIMEDOUT)))
      .c_str());
}

TEST(DeviceError, gives_other_start_errors_with_the_descriptor)
{
  STRCMP_EQUAL("pid 1234: fd 3: cannot allocate memory",
               start_message(ENOMEM).c_str());
}

TEST(DeviceError, names_the_session_when_its_status_or_control_fails)
{
  STRCMP_EQUAL(
    "pid 1234 fd 3: cannot read the session status: no such file or directory",
    device::describe(running(Error::status_failed("/dev/mvx", ENOENT)))
      .c_str());
  STRCMP_EQUAL(
    "pid 1234 fd 3: cannot pause the session: bad address",
    device::describe(
      running(Error::ctl_failed("/dev/mvx", device::SessionOp::pause, EFAULT)))
      .c_str());
  STRCMP_EQUAL(
    "pid 1234 fd 3: cannot resume the session: no such process",
    device::describe(
      running(Error::ctl_failed("/dev/mvx", device::SessionOp::resume, ESRCH)))
      .c_str());
  STRCMP_EQUAL(
    "pid 1234 fd 3: cannot end the session: no such file or directory",
    device::describe(
      running(Error::ctl_failed("/dev/mvx", device::SessionOp::end, ENOENT)))
      .c_str());
}

TEST(DeviceError, counts_session_errors_as_a_failed_request)
{
  CHECK_FALSE(
    device::device_unusable(Error::start_failed("/dev/mvx", 1, 1, EBUSY)));
  CHECK_FALSE(
    device::device_unusable(Error::status_failed("/dev/mvx", ENOENT)));
  CHECK_FALSE(device::device_unusable(
    Error::ctl_failed("/dev/mvx", device::SessionOp::end, ETIMEDOUT)));
}

TEST(DeviceError, says_a_group_could_not_be_made)
{
  STRCMP_EQUAL(
    "/dev/mvx: cannot make a group of variants: device or resource busy",
    device::describe(Error::group_create_failed("/dev/mvx", EBUSY)).c_str());
}

TEST(DeviceError, says_which_variant_could_not_join_and_why)
{
  STRCMP_EQUAL(
    "variant 2: cannot join the group: the group has stopped",
    device::describe(Error::group_join_failed("/dev/mvx", 2, ESRCH)).c_str());
  STRCMP_EQUAL(
    "variant 0: cannot join the group: device or resource busy (joined"
    " already, monitored, or not single-threaded)",
    device::describe(Error::group_join_failed("/dev/mvx", 0, EBUSY)).c_str());
  STRCMP_EQUAL(
    "variant 1: cannot join the group: no such file or directory",
    device::describe(Error::group_join_failed("/dev/mvx", 1, ENOENT)).c_str());
}

TEST(DeviceError, says_the_group_status_could_not_be_read)
{
  STRCMP_EQUAL(
    "/dev/mvx: cannot read the group's status: invalid argument",
    device::describe(Error::group_status_failed("/dev/mvx", EINVAL)).c_str());
}

TEST(DeviceError, counts_group_errors_as_requests_that_failed)
{
  CHECK_FALSE(device::device_unusable(Error::group_create_failed("d", EBUSY)));
  CHECK_FALSE(device::device_unusable(Error::group_join_failed("d", 0, EBUSY)));
  CHECK_FALSE(device::device_unusable(Error::group_status_failed("d", EINVAL)));
}
