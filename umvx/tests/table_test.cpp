#include "util/table.hpp"

#include <CppUTest/TestHarness.h>

using Align = util::Table::Align;

TEST_GROUP(Table){};

TEST(Table, sizes_columns_to_their_widest_cell)
{
  util::Table table(
    {{"N", Align::right}, {"NAME", Align::left}, {"X", Align::left}});
  table.add_row({"1", "a", "first"});
  table.add_row({"100", "longer", "second"});
  STRCMP_EQUAL("  N  NAME    X\n"
               "  1  a       first\n"
               "100  longer  second\n",
               table.render().c_str());
}

TEST(Table, does_not_pad_the_last_column)
{
  util::Table table({{"A", Align::left}, {"B", Align::left}});
  table.add_row({"x", "short"});
  table.add_row({"y", "much longer"});
  STRCMP_EQUAL("A  B\n"
               "x  short\n"
               "y  much longer\n",
               table.render().c_str());
}

TEST(Table, leaves_no_trailing_blanks_when_the_last_cell_is_empty)
{
  util::Table table({{"LONG", Align::left}, {"B", Align::left}});
  table.add_row({"x", ""});
  STRCMP_EQUAL("LONG  B\nx\n", table.render().c_str());
}

TEST(Table, keeps_trailing_blanks_of_the_last_cell)
{
  util::Table table({{"A", Align::left}, {"B", Align::left}});
  table.add_row({"x", "name "});
  STRCMP_EQUAL("A  B\nx  name \n", table.render().c_str());
}

TEST(Table, without_rows_is_just_the_header)
{
  util::Table table({{"A", Align::right}, {"B", Align::left}});
  STRCMP_EQUAL("A  B\n", table.render().c_str());
}
