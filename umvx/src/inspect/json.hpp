#pragma once

#include "inspect/report.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace inspect {

// In this key order: {"pid", "comm", "total", "fds": [{"fd", "cloexec",
// "open_flags", "access", "flags", "type", "pos", "dev_major", "dev_minor",
// "rdev_major", "rdev_minor", "ino", "size", "uid", "gid", "mode",
// "mode_string", "path"}], "monitor": {...}} (monitor::to_json(); only when
// the report has one). Scripts parse these keys: only ever add to them.
nlohmann::ordered_json to_json(const Report& report);

// to_json() indented by two, with a final newline. Bytes that are not
// UTF-8 (in paths) become U+FFFD.
std::string render_json(const Report& report);

} // namespace inspect
