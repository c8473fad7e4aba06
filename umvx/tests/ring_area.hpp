#pragma once

// A record area laid out as libmvx lays it out (mvx_ring.h), for the fake
// device to hand out.

#include "fake_device.hpp"

#include <mvx_ring.h>

#include <cstring>
#include <initializer_list>
#include <string>

namespace test {

class RingArea
{
public:
  RingArea()
  {
    auto& h = head();
    h.magic = MVX_RING_MAGIC;
    h.size = sizeof(mvx_ring_head);
    h.nrec = MVX_RING_RECORDS;
    h.rec_size = sizeof(mvx_record);
    h.nsys = MVX_RING_SYSCALLS;
    h.pid = 1234;
  }

  mvx_ring_head&
  head()
  {
    return *reinterpret_cast<mvx_ring_head*>(m_bytes.data());
  }

  mvx_record&
  slot(std::uint64_t index)
  {
    return head().records[index % MVX_RING_RECORDS];
  }

  // Starts record head and, if flags has MVX_REC_DONE, finishes it, as
  // libmvx does; counts it.
  mvx_record&
  add(std::uint32_t tid,
      std::uint32_t nr,
      std::initializer_list<std::uint64_t> args,
      std::int64_t result = 0,
      std::uint32_t flags = MVX_REC_DONE | MVX_REC_EXECUTED,
      std::uint64_t dur_ns = 1000)
  {
    auto& h = head();
    const std::uint64_t index = h.head++;
    auto& r = slot(index);
    r = mvx_record{};
    r.tid = tid;
    r.nr = nr;
    std::size_t i = 0;
    for (auto arg : args) {
      r.args[i++] = arg;
    }
    r.result = result;
    r.dur_ns = dur_ns;
    r.flags = flags;
    r.seq = index + 1;
    h.calls++;
    h.count[nr].calls++;
    h.count[nr].ns += dur_ns;
    if (flags & MVX_REC_DENIED) {
      h.denied++;
      h.count[nr].denied++;
    }
    return r;
  }

  // Puts this area into fake as an active monitor's.
  void
  install(FakeDevice& fake) const
  {
    fake.monitor.state = device::MonitorState::active;
    fake.monitor.records = 0x7f0000005000;
    fake.monitor.records_size = size();
    fake.records.assign(reinterpret_cast<const std::byte*>(m_bytes.data()),
                        reinterpret_cast<const std::byte*>(m_bytes.data())
                          + size());
  }

  // Puts this area into fake as the monitor of a process that has exited
  // with status (waitpid(2)'s) while fake watched it.
  void
  install_exited(FakeDevice& fake, int status) const
  {
    install(fake);
    fake.monitor.state = device::MonitorState::exited;
    fake.monitor.exit_status = status;
  }

private:
  // Aligned as libmvx's area is.
  std::vector<std::uint64_t> m_bytes
    = std::vector<std::uint64_t>((sizeof(mvx_ring_head) + 7) / 8, 0);

public:
  std::size_t
  size() const
  {
    return m_bytes.size() * 8;
  }
};

} // namespace test
