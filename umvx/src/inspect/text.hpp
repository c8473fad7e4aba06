#pragma once

#include "inspect/report.hpp"

#include <string>

namespace inspect {

// "pid 1234 (fakeproc): 7 open file descriptors", and ", 5 shown" when the
// listing is incomplete.
std::string summary_line(const Report& report);

// The summary line and a table of the descriptors, one per line:
// FD TYPE ACCESS FLAGS POS DEV INODE MODE UID GID PATH. A '*' after the
// descriptor number marks close-on-exec. Then the monitor section, if the
// report has one.
std::string render_text(const Report& report);

} // namespace inspect
