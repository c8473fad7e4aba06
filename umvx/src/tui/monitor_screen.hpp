#pragma once

#include "monitor/watch.hpp"

#include <memory>

namespace tui {

// The monitor screen (monitor::Screen) in the terminal, or nothing if
// standard input and output are not a terminal curses can drive. It
// catches SIGINT, SIGTERM and SIGHUP (they quit) and takes over the
// terminal until it is destroyed.
std::unique_ptr<monitor::Ui> make_monitor_ui();

} // namespace tui
