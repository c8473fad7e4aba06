#include "util/table.hpp"

#include <algorithm>
#include <cassert>

namespace util {

Table::Table(std::vector<Column> columns, std::string separator)
  : m_columns(std::move(columns)), m_separator(std::move(separator))
{
}

void
Table::add_row(std::vector<std::string> cells)
{
  assert(cells.size() == m_columns.size());
  m_rows.push_back(std::move(cells));
}

std::string
Table::render() const
{
  std::vector<size_t> widths;
  for (const auto& column : m_columns) {
    widths.push_back(column.title.size());
  }
  for (const auto& row : m_rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }

  std::string out;
  auto render_line = [&](auto cell_at) {
    std::string line;
    for (size_t i = 0; i < m_columns.size(); ++i) {
      const std::string& cell = cell_at(i);
      const std::string padding(widths[i] - cell.size(), ' ');
      const bool last = i + 1 == m_columns.size();
      if (i > 0) {
        line += m_separator;
      }
      if (m_columns[i].align == Align::right) {
        line += padding + cell;
      } else {
        line += last ? cell : cell + padding;
      }
    }
    // Padding must not trail when the last cells are empty, but a cell's
    // own trailing blanks (a file name's) are kept.
    const std::string& last_cell = cell_at(m_columns.size() - 1);
    if (last_cell.empty() && m_columns.back().align == Align::left) {
      line.erase(line.find_last_not_of(' ') + 1);
    }
    out += line;
    out += '\n';
  };

  render_line(
    [&](size_t i) -> const std::string& { return m_columns[i].title; });
  for (const auto& row : m_rows) {
    render_line([&](size_t i) -> const std::string& { return row[i]; });
  }
  return out;
}

} // namespace util
