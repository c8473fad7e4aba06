#pragma once

#include <string>
#include <vector>

namespace util {

// A text table whose columns are as wide as their widest cell. Widths are
// counted in bytes, so cells other than the last should be ASCII.
class Table
{
public:
  enum class Align
  {
    left,
    right
  };

  struct Column
  {
    std::string title;
    Align align = Align::left;
  };

  explicit Table(std::vector<Column> columns, std::string separator = "  ");

  // A row has one cell per column.
  void add_row(std::vector<std::string> cells);

  // The header row and then every row, each line ending in '\n'. The last
  // column is not padded and no line has trailing blanks.
  std::string render() const;

private:
  std::vector<Column> m_columns;
  std::string m_separator;
  std::vector<std::vector<std::string>> m_rows;
};

} // namespace util
