#include "session/run.hpp"

#include <cerrno>

namespace session {

util::Result<Ending, device::Error>
run(Session& session, Ui& ui)
{
  ui.started();
  for (;;) {
    auto status = session.status();
    if (!status) {
      // The module revokes its open files when it is unloaded, after
      // restoring what they changed.
      if (status.error().err == ENODEV) {
        return Ending::unloaded;
      }
      return util::fail(status.error());
    }
    if (status->state == device::SessionState::ended) {
      return ending_of(*status);
    }
    ui.show(*status);

    switch (ui.wait()) {
    case Input::tick:
      break;
    case Input::quit:
      if (auto ended = session.end(); !ended) {
        if (ended.error().err == ENODEV) {
          return Ending::unloaded;
        }
        return util::fail(ended.error());
      }
      return Ending::restored;
    case Input::toggle_pause: {
      auto done = status->state == device::SessionState::paused
                    ? session.resume()
                    : session.pause();
      // ESRCH: the session ended meanwhile, which the next status shows.
      if (done) {
        ui.notice("");
      } else if (done.error().err != ESRCH) {
        ui.notice(device::describe(done.error()));
      }
      break;
    }
    }
  }
}

} // namespace session
