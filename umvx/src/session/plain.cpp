#include "session/plain.hpp"

#include "session/text.hpp"
#include "tui/signals.hpp"

#include <ostream>

namespace session {

PlainUi::PlainUi(View view, std::ostream& err, StopWait wait_for_stop)
  : m_view(std::move(view)), m_err(err),
    m_wait_for_stop(std::move(wait_for_stop))
{
}

void
PlainUi::started()
{
  m_err << "umvx: " << started_line(m_view) << std::endl;
}

void
PlainUi::show(const device::SessionStatus& status)
{
  m_err << "umvx: " << status_line(m_view, status) << std::endl;
}

void
PlainUi::notice(const std::string& text)
{
  if (!text.empty()) {
    m_err << "umvx: " << text << std::endl;
  }
}

Input
PlainUi::wait()
{
  return m_wait_for_stop() ? Input::quit : Input::tick;
}

std::unique_ptr<Ui>
make_plain_ui(const View& view, std::ostream& err)
{
  auto waiter = std::make_shared<tui::SignalWaiter>();
  return std::make_unique<PlainUi>(view, err, [waiter] {
    return waiter->wait_for_stop(std::chrono::seconds(1));
  });
}

} // namespace session
