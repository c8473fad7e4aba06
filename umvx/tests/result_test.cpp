#include "util/result.hpp"

#include <memory>
#include <string>

#include <CppUTest/TestHarness.h>

TEST_GROUP(Result){};

TEST(Result, holds_a_value)
{
  util::Result<int> result(42);
  CHECK_TRUE(result.ok());
  LONGS_EQUAL(42, *result);
}

TEST(Result, holds_an_errno_and_its_context)
{
  util::Result<int> result = util::fail(util::Error{ENOENT, "/dev/mvx"});
  CHECK_FALSE(result.ok());
  LONGS_EQUAL(ENOENT, result.error().err);
  STRCMP_EQUAL("/dev/mvx", result.error().context.c_str());
}

TEST(Result, tells_value_and_error_apart_when_both_are_strings)
{
  util::Result<std::string, std::string> value(std::string("value"));
  util::Result<std::string, std::string> error
    = util::fail(std::string("error"));
  CHECK_TRUE(value.ok());
  CHECK_FALSE(error.ok());
  STRCMP_EQUAL("error", error.error().c_str());
}

TEST(Result, moves_out_a_move_only_value)
{
  util::Result<std::unique_ptr<int>> result(std::make_unique<int>(7));
  auto owned = std::move(result).value();
  LONGS_EQUAL(7, *owned);
}

TEST(Result, of_void_is_ok_unless_given_an_error)
{
  util::Result<void> ok;
  util::Result<void> failed = util::fail(util::Error{EPERM, "x"});
  CHECK_TRUE(ok.ok());
  CHECK_FALSE(failed.ok());
  LONGS_EQUAL(EPERM, failed.error().err);
}
