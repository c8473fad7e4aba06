#pragma once

// A remap session of fd 1 of a fakeproc, some time into it, shared by the
// tests of the session's lines and of its screen.

#include "device/session_info.hpp"
#include "session/session.hpp"

namespace test {

inline session::View
sample_session_view()
{
  session::View view;
  view.pid = 1234;
  view.fd = 1;
  view.mode = device::SessionMode::remap;
  view.path = "/tmp/out.log";
  view.cmdline = "fakeproc --log /tmp/x";
  view.was = "/dev/pts/0";
  return view;
}

inline device::SessionStatus
sample_session_status()
{
  device::SessionStatus status;
  status.writes = 12;
  status.bytes = 3456;
  status.errors = 1;
  status.skipped = 2;
  status.attached_ns = 65000000000;
  return status;
}

} // namespace test
