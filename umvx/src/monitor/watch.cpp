#include "monitor/watch.hpp"

#include "monitor/format.hpp"
#include "util/strings.hpp"

#include <time.h>

#include <cerrno>

namespace monitor {

std::uint64_t
monotonic_ns()
{
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000000000u
         + static_cast<std::uint64_t>(ts.tv_nsec);
}

namespace {

// The process went on between two requests: its monitor changed or went
// away.
bool
moved_on(const device::Error& error)
{
  return error.err == ESRCH || error.err == ENODATA;
}

} // namespace

util::Result<Ending, device::Error>
watch(device::Device& device,
      pid_t pid,
      std::optional<std::string> cmdline,
      Ui& ui,
      const Clock& clock)
{
  auto first = device.monitor_info(pid);
  if (!first) {
    return util::fail(first.error());
  }
  if (first->state == device::MonitorState::none) {
    return util::fail(device::Error::monitor_info_failed("", pid, ENODATA));
  }

  Recent recent;
  Rates rates;
  std::uint64_t records_at = 0;
  for (bool have_info = true;; have_info = false) {
    auto info = have_info ? std::move(first) : device.monitor_info(pid);
    if (!info) {
      // A device without the watch: the process and its record area are
      // gone.
      if (info.error().err == ESRCH) {
        return Ending{Ending::exited};
      }
      return util::fail(info.error());
    }
    View view;
    view.pid = pid;
    view.cmdline = cmdline;
    view.info = std::move(*info);
    view.recent = &recent;
    view.rates = &rates;
    view.now_ns = clock();
    const bool exited = view.info.state == device::MonitorState::exited;
    const Ending exited_ending{Ending::exited, view.info.exit_status};
    switch (view.info.state) {
    case device::MonitorState::none:
      return Ending{Ending::unmonitored};
    case device::MonitorState::awaiting:
      break;
    case device::MonitorState::active:
    case device::MonitorState::exited: {
      // Another program's monitor, after an execve.
      if (view.info.records != records_at) {
        recent = Recent();
        records_at = view.info.records;
      }
      // The device keeps an exited process's record area for the last
      // read: every record the process wrote up to its exit.
      Reader reader(device, pid, view.info.records_size);
      auto head = reader.read_head();
      if (!head) {
        if (exited) {
          return exited_ending;
        }
        if (moved_on(head.error())) {
          continue;
        }
        return util::fail(head.error());
      }
      auto updated = recent.update(reader, *head, ui.first_wanted(*head));
      if (!updated) {
        if (exited) {
          return exited_ending;
        }
        if (moved_on(updated.error())) {
          continue;
        }
        return util::fail(updated.error());
      }
      rates.update(*head, view.now_ns);
      view.head = std::move(*head);
      break;
    }
    }
    ui.show(view);
    if (exited) {
      return exited_ending;
    }
    if (ui.wait() == Input::quit) {
      return Ending{Ending::quit};
    }
  }
}

std::string
ending_line(pid_t pid, const Ending& ending)
{
  const std::string process = "process " + std::to_string(pid);
  switch (ending.kind) {
  case Ending::exited:
    if (ending.status) {
      return process + " " + util::wait_status_text(*ending.status);
    }
    return process + " exited";
  case Ending::unmonitored:
    return process + " is no longer monitored";
  case Ending::quit:
    break;
  }
  return "";
}

std::uint64_t
Stream::first_wanted(const Head& head)
{
  if (!m_started_ns || *m_started_ns != head.started_ns) {
    // A monitor seen for the first time: from now on; a new one after an
    // execve: from its first call.
    m_next = m_started_ns ? 0 : head.head;
    m_started_ns = head.started_ns;
    m_waiting_since.reset();
  }
  return m_next;
}

std::vector<std::string>
Stream::take(const Recent& recent,
             const Head& head,
             std::uint64_t now_ns,
             bool exited)
{
  std::vector<std::string> lines;
  if (m_next < head.oldest()) {
    lines.push_back("--- " + std::to_string(head.oldest() - m_next)
                    + " calls not shown (umvx fell behind) ---");
    m_next = head.oldest();
    m_waiting_since.reset();
  }
  const auto& records = recent.records();
  while (m_next < head.head) {
    const auto it = records.find(m_next);
    // Once the process has exited, nothing changes any more: a call it
    // never returned from (exit_group) shows as it is.
    const bool ready = exited || (it != records.end() && it->second.final());
    if (!ready) {
      if (!m_waiting_since) {
        m_waiting_since = now_ns;
      }
      if (now_ns - *m_waiting_since < m_hold) {
        break;
      }
    }
    if (it != records.end()) {
      lines.push_back(call_line(it->second));
    } else {
      lines.push_back("--- 1 call not shown (its record could not be read)"
                      " ---");
    }
    ++m_next;
    m_waiting_since.reset();
  }
  return lines;
}

} // namespace monitor
