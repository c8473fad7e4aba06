#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace device {

// Why the device could not be used or could not answer a request.
struct Error
{
  enum class Kind
  {
    open,          // opening the device node failed
    query_version, // MVX_IOC_GET_VERSION failed
    api_mismatch,  // the module speaks another API version
    list_fds,      // MVX_IOC_FD_LIST failed
  };

  Kind kind = Kind::open;
  int err = 0;                  // errno; 0 for api_mismatch
  std::string device;           // the device node's path
  pid_t pid = 0;                // the target, for list_fds
  std::uint32_t module_api = 0; // for api_mismatch
  std::uint32_t wanted_api = 0; // for api_mismatch

  static Error open_failed(std::string device, int err);
  static Error version_failed(std::string device, int err);
  static Error wrong_api(std::string device,
                         std::uint32_t module_api,
                         std::uint32_t wanted_api);
  static Error list_failed(std::string device, pid_t pid, int err);
};

// One line saying what went wrong, without the "umvx: " prefix.
std::string describe(const Error& error);

// Whether the device itself is unusable, as opposed to one request failing.
bool device_unusable(const Error& error);

} // namespace device
