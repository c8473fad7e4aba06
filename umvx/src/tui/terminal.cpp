#include "tui/terminal.hpp"

#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <clocale>
#include <cstdio>
#include <cstring>
#include <iterator>

#include <curses.h>
// Last: it defines macros named like ordinary words (lines, columns).
#include <term.h>

namespace tui {

namespace {

constexpr int fatal_signals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE};

// What the fatal signal handler needs, prepared beforehand because the
// handler may only make async-signal-safe calls.
struct Saved
{
  bool have_termios = false;
  termios mode;
  char leave[256];
  size_t leave_length = 0;
  struct sigaction old_actions[std::size(fatal_signals)];
};

Saved saved;

extern "C" void
on_fatal_signal(int sig)
{
  if (saved.have_termios) {
    tcsetattr(STDOUT_FILENO, TCSANOW, &saved.mode);
  }
  if (saved.leave_length > 0) {
    [[maybe_unused]] ssize_t ignored
      = ::write(STDOUT_FILENO, saved.leave, saved.leave_length);
  }
  // SA_RESETHAND has put the default action back, and SA_NODEFER lets the
  // signal through at once: umvx dies of it (with a core dump if enabled).
  raise(sig);
}

// Appends terminfo capability name to the sequence that leaves curses
// mode, if the terminal has it.
void
add_leave_capability(const char* name)
{
  const char* value = tigetstr(name);
  if (value == nullptr || value == reinterpret_cast<char*>(-1)) {
    return;
  }
  const size_t length = std::strlen(value);
  if (saved.leave_length + length <= sizeof(saved.leave)) {
    std::memcpy(saved.leave + saved.leave_length, value, length);
    saved.leave_length += length;
  }
}

void
install_fatal_handlers()
{
  // Attributes off, keypad transmit off, leave the alternate screen, show
  // the cursor: what endwin() sends.
  saved.leave_length = 0;
  add_leave_capability("sgr0");
  add_leave_capability("rmkx");
  add_leave_capability("rmcup");
  add_leave_capability("cnorm");

  struct sigaction action = {};
  action.sa_handler = on_fatal_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND | SA_NODEFER;
  for (size_t i = 0; i < std::size(fatal_signals); ++i) {
    sigaction(fatal_signals[i], &action, &saved.old_actions[i]);
  }
}

void
restore_fatal_handlers()
{
  for (size_t i = 0; i < std::size(fatal_signals); ++i) {
    sigaction(fatal_signals[i], &saved.old_actions[i], nullptr);
  }
}

} // namespace

bool
terminal_usable()
{
  if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
    return false;
  }
  int status = 0;
  if (setupterm(nullptr, STDOUT_FILENO, &status) != OK) {
    return false;
  }
  del_curterm(cur_term);
  return true;
}

std::unique_ptr<Terminal>
Terminal::open()
{
  saved.have_termios = tcgetattr(STDOUT_FILENO, &saved.mode) == 0;
  // Paths and command lines may be UTF-8. Only character handling follows
  // the environment: messages stay as they are.
  std::setlocale(LC_CTYPE, "");
  SCREEN* screen = newterm(nullptr, stdout, stdin);
  if (screen == nullptr) {
    return nullptr;
  }
  cbreak();
  noecho();
  nonl();
  keypad(stdscr, TRUE);
  curs_set(0);
  wtimeout(stdscr, 250);
  install_fatal_handlers();
  return std::unique_ptr<Terminal>(new Terminal(screen));
}

Terminal::Terminal(::screen* screen) : m_screen(screen)
{
}

Terminal::~Terminal()
{
  endwin();
  restore_fatal_handlers();
  delscreen(m_screen);
}

} // namespace tui
