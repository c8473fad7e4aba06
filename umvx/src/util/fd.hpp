#pragma once

#include <utility>

namespace util {

// Owns one file descriptor and closes it when destroyed. Move-only, so that
// exactly one owner closes it.
class Fd
{
public:
  Fd() = default;
  explicit Fd(int fd) noexcept;
  Fd(Fd&& other) noexcept;
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();

  int get() const noexcept;
  bool valid() const noexcept;
  explicit operator bool() const noexcept;

  // Gives up ownership without closing.
  int release() noexcept;

  // Closes the descriptor held, if any, and takes ownership of fd.
  void reset(int fd = -1) noexcept;

private:
  int m_fd = -1;
};

} // namespace util
