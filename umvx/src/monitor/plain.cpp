#include "monitor/plain.hpp"

#include "tui/signals.hpp"

#include <ostream>

namespace monitor {

PlainUi::PlainUi(std::ostream& out, StopWait wait_for_stop, Stream stream)
  : m_out(out), m_wait_for_stop(std::move(wait_for_stop)),
    m_stream(std::move(stream))
{
}

std::uint64_t
PlainUi::first_wanted(const Head& head)
{
  return m_stream.first_wanted(head);
}

void
PlainUi::show(const View& view)
{
  if (!view.head || !view.recent) {
    return;
  }
  const auto lines
    = m_stream.take(*view.recent,
                    *view.head,
                    view.now_ns,
                    view.info.state == device::MonitorState::exited);
  for (const auto& line : lines) {
    m_out << line << '\n';
  }
  if (!lines.empty()) {
    m_out.flush();
  }
}

Input
PlainUi::wait()
{
  return m_wait_for_stop() ? Input::quit : Input::tick;
}

std::unique_ptr<Ui>
make_plain_ui(std::ostream& out)
{
  auto waiter = std::make_shared<tui::SignalWaiter>();
  return std::make_unique<PlainUi>(out, [waiter] {
    return waiter->wait_for_stop(std::chrono::milliseconds(250));
  });
}

} // namespace monitor
