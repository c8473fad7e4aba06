#pragma once

#include "device/device.hpp"

#include <sys/types.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace monitor {

// What the policy does with a system call (MVX_POLICY_*).
enum class Action
{
  allow,
  deny,
  kill,
};

// One forwarded call from libmvx's ring (struct mvx_record).
struct Record
{
  std::uint64_t index = 0; // counting from 0 since the monitor started
  std::uint32_t tid = 0;
  std::uint32_t nr = 0;
  std::array<std::uint64_t, 6> args{};
  std::int64_t result = 0; // if done
  std::uint64_t time_ns = 0;
  std::uint64_t dur_ns = 0; // if done and executed
  bool done = false;        // result and dur_ns are known
  bool denied = false;
  bool killed = false;
  bool executed = false;

  // Nothing about it will change any more.
  bool
  final() const
  {
    return done || denied || killed;
  }
};

// Counters of one system call number.
struct Count
{
  std::uint64_t calls = 0;
  std::uint64_t ns = 0;
  std::uint64_t denied = 0;
};

// The start of libmvx's record area (struct mvx_ring_head), without the
// ring itself.
struct Head
{
  std::uint64_t head = 0; // records ever started
  std::uint64_t calls = 0;
  std::uint64_t denied = 0;
  std::uint64_t started_ns = 0;
  pid_t pid = 0;
  std::uint32_t rules = 0;
  Action default_action = Action::allow;
  std::uint32_t default_errno = 0;
  bool allow_unmonitored_exec = false;
  std::string policy; // "" for the default policy
  std::array<Action, device::syscall_max> action{};
  std::array<std::uint16_t, device::syscall_max> error{};
  std::array<Count, device::syscall_max> count{};
  // Where the ring is and how it is laid out, from the writer.
  std::uint64_t records_offset = 0;
  std::uint32_t nrec = 0;
  std::uint32_t rec_size = 0;

  // The first record still in the ring.
  std::uint64_t
  oldest() const
  {
    return head > nrec ? head - nrec : 0;
  }
};

// The bytes of the record area before the ring: what read_head() copies.
std::size_t head_bytes();

// Decodes the start of a record area; an EPROTO error (kind monitor_read)
// when it is not a ring this umvx knows (wrong magic, sizes that do not
// fit records_size).
util::Result<Head, device::Error> decode_head(std::span<const std::byte> bytes,
                                              std::uint64_t records_size,
                                              pid_t pid);

// Reads libmvx's record area of a process through the device, while the
// process runs.
class Reader
{
public:
  Reader(device::Device& device, pid_t pid, std::uint64_t records_size);

  util::Result<Head, device::Error> read_head();

  // Records first .. last - 1 (all of them in the ring: head.oldest() <=
  // first <= last <= head.head) that could be read whole. A record being
  // written or rewritten while it was copied is left out: it is accepted
  // only if its seq was index + 1 in a first copy of the records and again
  // in a second one made after it (see mvx_ring.h).
  util::Result<std::vector<Record>, device::Error>
  read_records(const Head& head, std::uint64_t first, std::uint64_t last);

private:
  util::Result<void, device::Error> read_slots(const Head& head,
                                               std::uint64_t first,
                                               std::uint64_t last,
                                               std::vector<std::byte>& out);

  device::Device& m_device;
  pid_t m_pid;
  std::uint64_t m_records_size;
};

// Decodes slot bytes of record index; nothing unless its seq is index + 1.
std::optional<Record> decode_record(std::span<const std::byte> bytes,
                                    std::uint64_t index);

// The seq field of the record in bytes.
std::uint64_t record_seq(std::span<const std::byte> bytes);

// The recent records of one monitor, kept across reads so that a record
// torn in one read keeps what an earlier read found, and a pending call
// gets its result when a later read sees it.
class Recent
{
public:
  // Reads the records from first (or the oldest in the ring) up to
  // head.head, and forgets those below.
  util::Result<void, device::Error> update(Reader& reader,
                                           const Head& head,
                                           std::uint64_t first);

  const std::map<std::uint64_t, Record>&
  records() const
  {
    return m_records;
  }

private:
  std::map<std::uint64_t, Record> m_records;
};

} // namespace monitor
