#pragma once

#include "session/session.hpp"
#include "session/ui.hpp"

namespace session {

// Runs a started session until the operator quits (the session is ended,
// which restores the target) or it ends by itself; returns how it ended.
// A device error that leaves the session's state unknown is returned;
// failing to pause or resume is only noticed on the Ui.
util::Result<Ending, device::Error> run(Session& session, Ui& ui);

} // namespace session
