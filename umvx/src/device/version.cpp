#include "device/device.hpp"

namespace device {

util::Result<void, Error>
check_version(const Version& version, const std::string& path)
{
  // Request sizes need no check: the kernel takes any size it was
  // published with, so only a change of API version breaks umvx.
  if (version.api_version != api_version) {
    return util::fail(Error::wrong_api(path, version.api_version, api_version));
  }
  return {};
}

util::Result<std::unique_ptr<Device>, Error>
verify_version(std::unique_ptr<Device> device, const std::string& path)
{
  auto version = device->version();
  if (!version) {
    return util::fail(version.error());
  }
  if (auto checked = check_version(*version, path); !checked) {
    return util::fail(checked.error());
  }
  return device;
}

} // namespace device
