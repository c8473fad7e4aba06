#include "device/list.hpp"

#include <algorithm>

namespace device {

namespace {

// Most processes fit in the first call.
constexpr std::uint32_t first_capacity = 64;
// Room for descriptors opened between two calls.
constexpr std::uint32_t slack = 16;
constexpr int max_attempts = 4;

} // namespace

util::Result<FdList, Error>
list_open_fds(Device& device, pid_t pid)
{
  std::uint32_t capacity = std::min(first_capacity, max_list_capacity);
  for (int attempt = 1;; ++attempt) {
    auto list = device.list_fds(pid, capacity);
    if (!list || list->total <= list->fds.size() || attempt == max_attempts
        || capacity == max_list_capacity) {
      return list;
    }
    capacity = static_cast<std::uint32_t>(std::min<std::uint64_t>(
      std::uint64_t{list->total} + slack, max_list_capacity));
  }
}

} // namespace device
