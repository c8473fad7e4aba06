#include "util/strings.hpp"

#include <cerrno>

#include <CppUTest/TestHarness.h>

TEST_GROUP(Strings){};

TEST(Strings, error_text_starts_in_lowercase)
{
  STRCMP_EQUAL("no such process", util::error_text(ESRCH).c_str());
  STRCMP_EQUAL("operation not permitted", util::error_text(EPERM).c_str());
}

TEST(Strings, escape_control_leaves_printable_text_and_utf8_alone)
{
  STRCMP_EQUAL("/home/user/caf\xc3\xa9 menu.txt",
               util::escape_control("/home/user/caf\xc3\xa9 menu.txt").c_str());
}

TEST(Strings, escape_control_escapes_newlines_tabs_and_other_controls)
{
  STRCMP_EQUAL("a\\nb\\tc\\033d\\177",
               util::escape_control("a\nb\tc\033d\177").c_str());
}

TEST(Strings, escape_control_doubles_backslashes)
{
  STRCMP_EQUAL("a\\\\n", util::escape_control("a\\n").c_str());
}

TEST(Strings, hex_text_is_lowercase_with_0x)
{
  STRCMP_EQUAL("0x0", util::hex_text(0).c_str());
  STRCMP_EQUAL("0x7f0000001000", util::hex_text(0x7f0000001000ULL).c_str());
  STRCMP_EQUAL("0xffffffffffffffff", util::hex_text(~0ULL).c_str());
}

TEST(Strings, join_puts_the_separator_between_parts_only)
{
  STRCMP_EQUAL("", util::join({}, ", ").c_str());
  STRCMP_EQUAL("a", util::join({"a"}, ", ").c_str());
  STRCMP_EQUAL("a, b, c", util::join({"a", "b", "c"}, ", ").c_str());
}
