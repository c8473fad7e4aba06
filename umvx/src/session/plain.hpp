#pragma once

#include "session/session.hpp"
#include "session/ui.hpp"

#include <functional>
#include <iosfwd>
#include <memory>

namespace session {

// Blocks for about a second; true if the operator asked to stop
// (SIGINT, SIGTERM or SIGHUP) meanwhile.
using StopWait = std::function<bool()>;

// A session without a screen, for scripts: a line on err when it starts
// and one with the counters about once a second (each wait() waits up to
// a second for a stop signal).
class PlainUi final : public Ui
{
public:
  PlainUi(View view, std::ostream& err, StopWait wait_for_stop);

  void started() override;
  void show(const device::SessionStatus& status) override;
  void notice(const std::string& text) override;
  Input wait() override;

private:
  View m_view;
  std::ostream& m_err;
  StopWait m_wait_for_stop;
};

// A PlainUi that waits for the stop signals through a SignalWaiter, which
// it holds, so they are blocked from now until it is destroyed.
std::unique_ptr<Ui> make_plain_ui(const View& view, std::ostream& err);

} // namespace session
