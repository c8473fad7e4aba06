#pragma once

#include "monitor/watch.hpp"

#include <functional>
#include <iosfwd>
#include <memory>

namespace monitor {

// Decides, every quarter of a second or so, whether to stop.
using StopWait = std::function<bool()>;

// umvx -m --no-tui: the calls as a stream of lines on out, one per call,
// flushed, until a stop signal (SIGINT, SIGTERM, SIGHUP).
class PlainUi final : public Ui
{
public:
  PlainUi(std::ostream& out, StopWait wait_for_stop, Stream stream = Stream());

  std::uint64_t first_wanted(const Head& head) override;
  void show(const View& view) override;
  Input wait() override;

private:
  std::ostream& m_out;
  StopWait m_wait_for_stop;
  Stream m_stream;
};

// A PlainUi that waits for the stop signals through a SignalWaiter.
std::unique_ptr<Ui> make_plain_ui(std::ostream& out);

} // namespace monitor
