#include "device/error.hpp"

#include "util/strings.hpp"

#include <cerrno>

namespace device {

Error
Error::open_failed(std::string device, int err)
{
  Error e;
  e.kind = Kind::open;
  e.err = err;
  e.device = std::move(device);
  return e;
}

Error
Error::version_failed(std::string device, int err)
{
  Error e;
  e.kind = Kind::query_version;
  e.err = err;
  e.device = std::move(device);
  return e;
}

Error
Error::wrong_api(std::string device,
                 std::uint32_t module_api,
                 std::uint32_t wanted_api)
{
  Error e;
  e.kind = Kind::api_mismatch;
  e.device = std::move(device);
  e.module_api = module_api;
  e.wanted_api = wanted_api;
  return e;
}

Error
Error::list_failed(std::string device, pid_t pid, int err)
{
  Error e;
  e.kind = Kind::list_fds;
  e.err = err;
  e.device = std::move(device);
  e.pid = pid;
  return e;
}

namespace {

std::string
describe_open(const Error& e)
{
  switch (e.err) {
  case ENOENT:
  case ENODEV:
  case ENXIO:
    return e.device
           + ": no such device: the kmvx module is not loaded"
             " (load it with 'modprobe kmvx' or 'insmod kmvx.ko')";
  case EACCES:
  case EPERM:
    return e.device + ": permission denied (run umvx as root)";
  default:
    return e.device + ": " + util::error_text(e.err);
  }
}

std::string
describe_list(const Error& e)
{
  const std::string target = "pid " + std::to_string(e.pid) + ": ";
  switch (e.err) {
  case EPERM:
  case EACCES:
    return target + util::error_text(e.err) + " (may not ptrace this process)";
  case EINVAL:
    return target + util::error_text(e.err)
           + " (a kernel thread or an exiting process)";
  default:
    return target + util::error_text(e.err);
  }
}

} // namespace

std::string
describe(const Error& error)
{
  switch (error.kind) {
  case Error::Kind::open:
    return describe_open(error);
  case Error::Kind::query_version:
    if (error.err == ENOTTY) {
      return error.device + ": " + util::error_text(error.err)
             + " (not an mvx device)";
    }
    return error.device + ": " + util::error_text(error.err);
  case Error::Kind::api_mismatch:
    return error.device + ": kmvx speaks API version "
           + std::to_string(error.module_api) + ", umvx needs "
           + std::to_string(error.wanted_api);
  case Error::Kind::list_fds:
    return describe_list(error);
  }
  return error.device + ": " + util::error_text(error.err);
}

bool
device_unusable(const Error& error)
{
  return error.kind != Error::Kind::list_fds;
}

} // namespace device
