#pragma once

#include "session/session.hpp"
#include "session/ui.hpp"

#include <iosfwd>
#include <memory>

namespace tui {

// The session screen (session::Screen) in the terminal, or nothing if
// standard input and output are not a terminal curses can drive. It
// catches SIGINT, SIGTERM and SIGHUP from now on (they quit, ending the
// session) and takes over the terminal when the session has started; err
// gets plain lines instead if curses then fails.
std::unique_ptr<session::Ui> make_session_ui(const session::View& view,
                                             std::ostream& err);

} // namespace tui
