#pragma once

#include "device/session_info.hpp"

#include <string>

namespace session {

// What the operator asked for while a session runs.
enum class Input
{
  tick,         // nothing: poll the session again
  quit,         // end the session (a key or SIGINT/SIGTERM/SIGHUP)
  toggle_pause, // pause an active session, resume a paused one
};

// Where a running session is shown and where the operator steers it:
// the session screen, or lines on standard error. A Ui is created before
// the session starts, so that it can catch the signals that end one, and
// destroyed before anything is printed after it ends.
class Ui
{
public:
  virtual ~Ui() = default;

  // The session has started; called once, before anything else.
  virtual void started() = 0;

  // The session's current status; called after every input.
  virtual void show(const device::SessionStatus& status) = 0;

  // Something went wrong that does not end the session; shown until the
  // next notice. An empty text takes it away.
  virtual void notice(const std::string& text) = 0;

  // Waits for the next input; returns tick within a second or so.
  virtual Input wait() = 0;
};

} // namespace session
