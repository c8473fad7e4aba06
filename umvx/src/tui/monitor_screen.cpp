#include "tui/monitor_screen.hpp"

#include "monitor/screen.hpp"
#include "tui/loop.hpp"

namespace tui {

namespace {

class MonitorUi final : public monitor::Ui
{
public:
  bool
  open()
  {
    return m_loop.open();
  }

  std::uint64_t
  first_wanted(const monitor::Head& head) override
  {
    // As many as the screen could show.
    return head.oldest();
  }

  void
  show(const monitor::View& view) override
  {
    m_screen.update(view);
    m_loop.paint(m_screen);
  }

  monitor::Input
  wait() override
  {
    return m_loop.step(m_screen) == Reaction::quit ? monitor::Input::quit
                                                   : monitor::Input::tick;
  }

private:
  Loop m_loop;
  monitor::Screen m_screen;
};

} // namespace

std::unique_ptr<monitor::Ui>
make_monitor_ui()
{
  if (!terminal_usable()) {
    return nullptr;
  }
  auto ui = std::make_unique<MonitorUi>();
  if (!ui->open()) {
    return nullptr;
  }
  return ui;
}

} // namespace tui
