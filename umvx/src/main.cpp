#include "app/run.hpp"
#include "tui/monitor_screen.hpp"
#include "tui/session_screen.hpp"
#include "util/strings.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <iostream>

int
main(int argc, char** argv)
{
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto context
    = app::system_context(std::cout, std::cerr, std::getenv("MVX_DEVICE"));
  context.make_screen_ui = tui::make_session_ui;
  context.make_monitor_screen
    = [](std::ostream&) { return tui::make_monitor_ui(); };
  int status = app::run(args, context);

  // A full disk or closed pipe must not pass for success.
  std::cout.flush();
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::cerr << "umvx: standard output: " << util::error_text(errno) << '\n';
    return status == app::exit_ok ? app::exit_failed : status;
  }
  return status;
}
