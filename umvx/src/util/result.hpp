#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace util {

// A failed system call: its errno and what it was about (a path, a pid).
struct Error
{
  int err = 0;
  std::string context;
};

// The error half of a Result, spelled out so that T and E may be the same
// type: return util::fail(error).
template<typename E>
struct Failure
{
  E error;
};

template<typename E>
Failure<std::decay_t<E>>
fail(E&& error)
{
  return {std::forward<E>(error)};
}

// A value or the reason there is none. Fallible functions return this
// instead of throwing, so that every layer decides what a failure means.
template<typename T, typename E = Error>
class [[nodiscard]] Result
{
public:
  Result(T value) : m_v(std::in_place_index<0>, std::move(value))
  {
  }

  template<typename F>
  Result(Failure<F> failure)
    : m_v(std::in_place_index<1>, E(std::move(failure.error)))
  {
  }

  bool
  ok() const
  {
    return m_v.index() == 0;
  }

  explicit operator bool() const
  {
    return ok();
  }

  T&
  value() &
  {
    assert(ok());
    return std::get<0>(m_v);
  }

  const T&
  value() const&
  {
    assert(ok());
    return std::get<0>(m_v);
  }

  T&&
  value() &&
  {
    assert(ok());
    return std::get<0>(std::move(m_v));
  }

  T&
  operator*() &
  {
    return value();
  }

  const T&
  operator*() const&
  {
    return value();
  }

  T*
  operator->()
  {
    return &value();
  }

  const T*
  operator->() const
  {
    return &value();
  }

  const E&
  error() const
  {
    assert(!ok());
    return std::get<1>(m_v);
  }

private:
  std::variant<T, E> m_v;
};

template<typename E>
class [[nodiscard]] Result<void, E>
{
public:
  Result() = default;

  template<typename F>
  Result(Failure<F> failure) : m_error(E(std::move(failure.error)))
  {
  }

  bool
  ok() const
  {
    return !m_error;
  }

  explicit operator bool() const
  {
    return ok();
  }

  const E&
  error() const
  {
    assert(!ok());
    return *m_error;
  }

private:
  std::optional<E> m_error;
};

} // namespace util
