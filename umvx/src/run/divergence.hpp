#pragma once

// What a group of variants came to, in words and as JSON: pure functions
// of the device's status and the variants' wait statuses, so that every
// cause can be tested without a kernel.

#include "device/group_info.hpp"

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace run {

// How a group's run ended.
struct GroupOutcome
{
  device::GroupStatus status;     // MVX_IOC_GROUP_STATUS after the last exit
  std::vector<pid_t> pids;        // the variants, leader first
  std::vector<int> wait_statuses; // as waitpid(2) gave them, leader first
};

struct Divergence
{
  enum class Kind
  {
    stopped,     // the kernel stopped the group: status.cause says why
    exit_status, // every variant ended, not all alike
  };
  Kind kind = Kind::stopped;
  std::uint32_t variant = 0; // the variant that disagreed, died, stopped
};

// The divergence of outcome, if any: a stopped group, else the first
// follower whose wait status differs from the leader's.
std::optional<Divergence> find_divergence(const GroupOutcome& outcome);

// umvx run's exit status: exit_diverged after a divergence, else the
// leader's, as exit_status() makes it.
int group_exit_status(const GroupOutcome& outcome,
                      const std::optional<Divergence>& divergence);

// The cause in one word, as the JSON report has it: "unsupported", "call",
// "args", "died", "output", "too_large", "policy", "controller",
// "no_call", "result", "unknown" (a cause this umvx does not know), or
// "exit_status".
std::string cause_word(const GroupOutcome& outcome,
                       const Divergence& divergence);

// The first line of the report, without "umvx: divergence: ":
//   arguments differ in call #41 write(...) of variant 1
//   arguments differ in call #41 write(...) of thread 3 of variant 1
//   a variant died at call #7 of variant 2
//   exit status differs: variant 1 exited with status 3, the leader exited
//   with status 0
std::string divergence_headline(const GroupOutcome& outcome,
                                const Divergence& divergence);

// The report for standard error, lines ending in a newline: the headline
// after "umvx: divergence: ", then, indented by two, what differs: for
// arguments the part and the first differing bytes of the leader and the
// variant, in hex and as text; for another call both calls; for a death
// how the variant ended.
std::string divergence_text(const GroupOutcome& outcome,
                            const Divergence& divergence);

// "68 65 0a" (spaced) or "68650a".
std::string hex_bytes(std::span<const std::uint8_t> bytes, bool spaced);

// bytes with every byte that is not printable ASCII as '.': "he.".
std::string printable_bytes(std::span<const std::uint8_t> bytes);

// The --report file: one JSON object and a newline, with the keys
// "diverged", "cause", "message", "variant", "call" ({"seq", "thread",
// "nr", "name"}), "other_call" ({"nr", "name"}), "part", "offset",
// "leader" ({"hex", "text"}), "variant_bytes" ({"hex", "text"}),
// "variant_exit", "pids" and "exit", in this order, null where they do
// not apply (see umvx(1)). Scripts parse these keys: only ever add to
// them.
std::string report_json(const GroupOutcome& outcome,
                        const std::optional<Divergence>& divergence);

} // namespace run
