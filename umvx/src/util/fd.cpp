#include "util/fd.hpp"

#include <unistd.h>

namespace util {

Fd::Fd(int fd) noexcept : m_fd(fd)
{
}

Fd::Fd(Fd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1))
{
}

Fd&
Fd::operator=(Fd&& other) noexcept
{
  if (this != &other) {
    reset(std::exchange(other.m_fd, -1));
  }
  return *this;
}

Fd::~Fd()
{
  reset();
}

int
Fd::get() const noexcept
{
  return m_fd;
}

bool
Fd::valid() const noexcept
{
  return m_fd >= 0;
}

Fd::operator bool() const noexcept
{
  return valid();
}

int
Fd::release() noexcept
{
  return std::exchange(m_fd, -1);
}

void
Fd::reset(int fd) noexcept
{
  // close() is not retried on EINTR: Linux releases the descriptor anyway,
  // and a retry could close one that another thread has just opened.
  if (m_fd >= 0) {
    ::close(m_fd);
  }
  m_fd = fd;
}

} // namespace util
