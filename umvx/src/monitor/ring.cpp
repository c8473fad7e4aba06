// The one place that knows libmvx's record area layout (mvx_ring.h). The
// area lives in the monitored process; the device copies pieces of it.

#include "monitor/ring.hpp"

#include <mvx_ring.h>

#include <cerrno>
#include <cstddef>
#include <cstring>

namespace monitor {

namespace {

// The fixed part of struct mvx_ring_head that umvx reads.
constexpr std::size_t fixed_head = offsetof(mvx_ring_head, records);

static_assert(MVX_RING_SYSCALLS == device::syscall_max);

device::Error
protocol_error(pid_t pid)
{
  return device::Error::monitor_read_failed("", pid, EPROTO);
}

Action
to_action(std::uint32_t action)
{
  switch (action) {
  case MVX_POLICY_DENY:
    return Action::deny;
  case MVX_POLICY_KILL:
    return Action::kill;
  default:
    return Action::allow;
  }
}

template<typename T>
T
load(std::span<const std::byte> bytes, std::size_t offset = 0)
{
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(value));
  return value;
}

} // namespace

std::size_t
head_bytes()
{
  return fixed_head;
}

util::Result<Head, device::Error>
decode_head(std::span<const std::byte> bytes,
            std::uint64_t records_size,
            pid_t pid)
{
  if (bytes.size() < fixed_head) {
    return util::fail(protocol_error(pid));
  }
  // A copy of the fixed part: counters that move while it was copied are
  // only each a little stale, never torn (they are 8-byte aligned).
  mvx_ring_head raw;
  std::memcpy(&raw, bytes.data(), fixed_head);
  const std::uint64_t ring_bytes
    = std::uint64_t{raw.nrec} * std::uint64_t{raw.rec_size};
  const bool known = raw.magic == MVX_RING_MAGIC
                     && raw.nsys == MVX_RING_SYSCALLS
                     && raw.rec_size >= sizeof(mvx_record) && raw.nrec > 0
                     && (raw.nrec & (raw.nrec - 1)) == 0
                     && fixed_head + ring_bytes <= records_size;
  if (!known) {
    return util::fail(protocol_error(pid));
  }

  Head head;
  head.head = raw.head;
  head.calls = raw.calls;
  head.denied = raw.denied;
  head.started_ns = raw.started_ns;
  head.pid = raw.pid;
  head.rules = raw.rules;
  head.default_action = to_action(raw.default_action);
  head.default_errno = raw.default_errno;
  head.allow_unmonitored_exec = raw.allow_unmonitored_exec != 0;
  head.policy.assign(raw.policy, strnlen(raw.policy, sizeof(raw.policy)));
  for (std::size_t nr = 0; nr < device::syscall_max; ++nr) {
    head.action[nr] = to_action(raw.action[nr]);
    head.error[nr] = raw.error[nr];
    head.count[nr]
      = {raw.count[nr].calls, raw.count[nr].ns, raw.count[nr].denied};
  }
  head.records_offset = fixed_head;
  head.nrec = raw.nrec;
  head.rec_size = raw.rec_size;
  return head;
}

std::uint64_t
record_seq(std::span<const std::byte> bytes)
{
  return load<std::uint64_t>(bytes, offsetof(mvx_record, seq));
}

std::optional<Record>
decode_record(std::span<const std::byte> bytes, std::uint64_t index)
{
  if (bytes.size() < sizeof(mvx_record)) {
    return std::nullopt;
  }
  const auto raw = load<mvx_record>(bytes);
  if (raw.seq != index + 1) {
    return std::nullopt;
  }
  Record record;
  record.index = index;
  record.tid = raw.tid;
  record.nr = raw.nr;
  for (std::size_t i = 0; i < record.args.size(); ++i) {
    record.args[i] = raw.args[i];
  }
  record.result = raw.result;
  record.time_ns = raw.time_ns;
  record.dur_ns = raw.dur_ns;
  record.done = (raw.flags & MVX_REC_DONE) != 0;
  record.denied = (raw.flags & MVX_REC_DENIED) != 0;
  record.killed = (raw.flags & MVX_REC_KILLED) != 0;
  record.executed = (raw.flags & MVX_REC_EXECUTED) != 0;
  return record;
}

Reader::Reader(device::Device& device, pid_t pid, std::uint64_t records_size)
  : m_device(device), m_pid(pid), m_records_size(records_size)
{
}

util::Result<Head, device::Error>
Reader::read_head()
{
  std::vector<std::byte> bytes(fixed_head);
  if (auto done = m_device.monitor_read(m_pid, 0, bytes); !done) {
    return util::fail(done.error());
  }
  return decode_head(bytes, m_records_size, m_pid);
}

util::Result<void, device::Error>
Reader::read_slots(const Head& head,
                   std::uint64_t first,
                   std::uint64_t last,
                   std::vector<std::byte>& out)
{
  // The slots of first .. last - 1 are contiguous but for one wrap at the
  // end of the ring; a read never exceeds the device's limit.
  out.assign((last - first) * head.rec_size, std::byte{0});
  std::uint64_t index = first;
  while (index < last) {
    const std::uint64_t slot = index & (head.nrec - 1);
    std::uint64_t count = std::min(last - index, head.nrec - slot);
    count = std::min<std::uint64_t>(count,
                                    device::max_monitor_read / head.rec_size);
    const std::span<std::byte> piece(
      out.data() + (index - first) * head.rec_size, count * head.rec_size);
    auto done = m_device.monitor_read(
      m_pid, head.records_offset + slot * head.rec_size, piece);
    if (!done) {
      return done;
    }
    index += count;
  }
  return {};
}

util::Result<std::vector<Record>, device::Error>
Reader::read_records(const Head& head, std::uint64_t first, std::uint64_t last)
{
  std::vector<Record> records;
  if (first >= last) {
    return records;
  }
  std::vector<std::byte> copy;
  std::vector<std::byte> again;
  if (auto done = read_slots(head, first, last, copy); !done) {
    return util::fail(done.error());
  }
  if (auto done = read_slots(head, first, last, again); !done) {
    return util::fail(done.error());
  }
  for (std::uint64_t index = first; index < last; ++index) {
    const std::size_t at = (index - first) * head.rec_size;
    const std::span<const std::byte> bytes(copy.data() + at, head.rec_size);
    const std::span<const std::byte> later(again.data() + at, head.rec_size);
    if (record_seq(later) != index + 1) {
      continue;
    }
    if (auto record = decode_record(bytes, index)) {
      records.push_back(*record);
    }
  }
  return records;
}

util::Result<void, device::Error>
Recent::update(Reader& reader, const Head& head, std::uint64_t first)
{
  first = std::max(first, head.oldest());
  // A new monitor (after execve) starts counting again.
  if (!m_records.empty() && m_records.rbegin()->first >= head.head) {
    m_records.clear();
  }
  m_records.erase(m_records.begin(), m_records.lower_bound(first));
  // Final records need no second look.
  std::uint64_t from = first;
  while (from < head.head) {
    auto it = m_records.find(from);
    if (it == m_records.end() || !it->second.final()) {
      break;
    }
    ++from;
  }
  auto records = reader.read_records(head, from, head.head);
  if (!records) {
    return util::fail(records.error());
  }
  for (const auto& record : *records) {
    m_records[record.index] = record;
  }
  return {};
}

} // namespace monitor
