#pragma once

#include "device/device.hpp"

namespace device {

// Every open descriptor of pid. The process may open descriptors while it
// is being listed, so a listing that did not fit is retried with a larger
// buffer a few times; after that the last, incomplete listing is returned
// (total says how many there were).
util::Result<FdList, Error> list_open_fds(Device& device, pid_t pid);

} // namespace device
