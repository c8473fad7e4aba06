#include "run/divergence.hpp"

#include "monitor/format.hpp"
#include "run/launch.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>
#include <syscalls.h>

#include <algorithm>

namespace run {

namespace {

using device::StopCause;

// Whether the kernel names a call for cause: a variant that died or a
// controller that left was not in one.
bool
names_a_call(StopCause cause)
{
  return cause != StopCause::died && cause != StopCause::controller;
}

// "write(...)", "syscall_600(...)".
std::string
call_text(std::uint64_t nr)
{
  return monitor::syscall_name(nr) + "(...)";
}

int
leader_wait(const GroupOutcome& outcome)
{
  return outcome.wait_statuses.empty() ? exit_failed << 8
                                       : outcome.wait_statuses.front();
}

int
variant_wait(const GroupOutcome& outcome, std::uint32_t variant)
{
  return variant < outcome.wait_statuses.size() ? outcome.wait_statuses[variant]
                                                : exit_failed << 8;
}

std::string
variant_name(std::uint32_t variant)
{
  return variant == 0 ? "the leader" : "variant " + std::to_string(variant);
}

// What stopped the group, in words, before "in call #N" or "at call #N".
std::string
cause_text(const device::GroupStatus& status)
{
  switch (status.cause) {
  case StopCause::unsupported:
    return "unsupported system call " + monitor::syscall_name(status.nr);
  case StopCause::call:
    return "calls differ";
  case StopCause::args:
    return "arguments differ";
  case StopCause::died:
    return "a variant died";
  case StopCause::output:
    return "outputs could not be written";
  case StopCause::too_large:
    return "the call's data exceeds " + std::to_string(device::group_data_max)
           + " bytes";
  case StopCause::policy:
    return "the policy killed a variant";
  case StopCause::controller:
    return "umvx released the group";
  case StopCause::no_call:
    return "the monitor did not describe its call";
  case StopCause::result:
    return "the call succeeded in some variants only";
  case StopCause::none:
  case StopCause::unknown:
    break;
  }
  return "unknown cause " + std::to_string(status.cause_code);
}

// "  leader:    68 65 0a  he." and the variant's line, the text columns
// aligned.
std::string
bytes_lines(const device::GroupStatus& status)
{
  const std::string leader_label = "leader:";
  const std::string variant_label
    = "variant " + std::to_string(status.variant) + ":";
  const std::string leader_hex = hex_bytes(status.leader_bytes, true);
  const std::string variant_hex = hex_bytes(status.variant_bytes, true);
  const std::size_t label_width
    = std::max(leader_label.size(), variant_label.size()) + 1;
  const std::size_t hex_width = std::max(leader_hex.size(), variant_hex.size());

  const auto line = [&](const std::string& label,
                        const std::string& hex,
                        const std::vector<std::uint8_t>& bytes) {
    std::string text = "  " + label;
    text.append(label_width - label.size(), ' ');
    if (bytes.empty()) {
      return text + "(no bytes)\n";
    }
    text += hex;
    text.append(hex_width - hex.size() + 2, ' ');
    return text + printable_bytes(bytes) + "\n";
  };
  return line(leader_label, leader_hex, status.leader_bytes)
         + line(variant_label, variant_hex, status.variant_bytes);
}

// The lines after the headline for a stopped group.
std::string
detail_lines(const device::GroupStatus& status)
{
  switch (status.cause) {
  case StopCause::args: {
    std::string text = status.part ? "  part " + std::to_string(*status.part)
                                   : std::string("  the call's mode or flags");
    text += ", from byte " + std::to_string(status.offset) + ":\n";
    if (status.leader_bytes.empty() && status.variant_bytes.empty()) {
      return text;
    }
    return text + bytes_lines(status);
  }
  case StopCause::call:
    return "  the leader made " + call_text(status.nr) + ", "
           + variant_name(status.variant) + " made "
           + call_text(status.other_nr) + "\n";
  case StopCause::died:
    return "  " + variant_name(status.variant) + " "
           + util::wait_status_text(static_cast<int>(status.detail)) + "\n";
  default:
    return "";
  }
}

nlohmann::ordered_json
bytes_json(const std::vector<std::uint8_t>& bytes)
{
  return {{"hex", hex_bytes(bytes, false)}, {"text", printable_bytes(bytes)}};
}

nlohmann::ordered_json
name_json(std::uint64_t nr)
{
  if (const char* name = mvx_syscall_name(nr)) {
    return name;
  }
  return nullptr;
}

} // namespace

std::optional<Divergence>
find_divergence(const GroupOutcome& outcome)
{
  if (outcome.status.state == device::GroupState::stopped) {
    return Divergence{Divergence::Kind::stopped, outcome.status.variant};
  }
  const int leader = leader_wait(outcome);
  for (std::size_t i = 1; i < outcome.wait_statuses.size(); ++i) {
    if (outcome.wait_statuses[i] != leader) {
      return Divergence{Divergence::Kind::exit_status,
                        static_cast<std::uint32_t>(i)};
    }
  }
  return std::nullopt;
}

int
group_exit_status(const GroupOutcome& outcome,
                  const std::optional<Divergence>& divergence)
{
  return divergence ? exit_diverged : exit_status(leader_wait(outcome));
}

std::string
cause_word(const GroupOutcome& outcome, const Divergence& divergence)
{
  if (divergence.kind == Divergence::Kind::exit_status) {
    return "exit_status";
  }
  switch (outcome.status.cause) {
  case StopCause::unsupported:
    return "unsupported";
  case StopCause::call:
    return "call";
  case StopCause::args:
    return "args";
  case StopCause::died:
    return "died";
  case StopCause::output:
    return "output";
  case StopCause::too_large:
    return "too_large";
  case StopCause::policy:
    return "policy";
  case StopCause::controller:
    return "controller";
  case StopCause::no_call:
    return "no_call";
  case StopCause::result:
    return "result";
  case StopCause::none:
  case StopCause::unknown:
    break;
  }
  return "unknown";
}

std::string
divergence_headline(const GroupOutcome& outcome, const Divergence& divergence)
{
  if (divergence.kind == Divergence::Kind::exit_status) {
    return "exit status differs: " + variant_name(divergence.variant) + " "
           + util::wait_status_text(variant_wait(outcome, divergence.variant))
           + ", the leader " + util::wait_status_text(leader_wait(outcome));
  }
  const auto& status = outcome.status;
  std::string text = cause_text(status);
  if (names_a_call(status.cause)) {
    text
      += " in call #" + std::to_string(status.seq) + " " + call_text(status.nr);
  } else {
    text += " at call #" + std::to_string(status.seq);
  }
  // The first thread goes unnamed, as in a group without threads.
  if (status.thread != 0) {
    text += " of thread " + std::to_string(status.thread);
  }
  return text + " of variant " + std::to_string(status.variant);
}

std::string
divergence_text(const GroupOutcome& outcome, const Divergence& divergence)
{
  std::string text
    = "umvx: divergence: " + divergence_headline(outcome, divergence) + "\n";
  if (divergence.kind == Divergence::Kind::stopped) {
    text += detail_lines(outcome.status);
  }
  return text;
}

std::string
hex_bytes(std::span<const std::uint8_t> bytes, bool spaced)
{
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  for (std::uint8_t byte : bytes) {
    if (spaced && !text.empty()) {
      text += ' ';
    }
    text += digits[byte >> 4];
    text += digits[byte & 0xf];
  }
  return text;
}

std::string
printable_bytes(std::span<const std::uint8_t> bytes)
{
  std::string text;
  for (std::uint8_t byte : bytes) {
    text += byte >= 0x20 && byte < 0x7f ? static_cast<char>(byte) : '.';
  }
  return text;
}

std::string
report_json(const GroupOutcome& outcome,
            const std::optional<Divergence>& divergence)
{
  const auto& status = outcome.status;
  nlohmann::ordered_json json;
  json["diverged"] = divergence.has_value();
  json["cause"] = nullptr;
  json["message"] = nullptr;
  json["variant"] = nullptr;
  json["call"] = nullptr;
  json["other_call"] = nullptr;
  json["part"] = nullptr;
  json["offset"] = nullptr;
  json["leader"] = nullptr;
  json["variant_bytes"] = nullptr;
  json["variant_exit"] = nullptr;
  if (divergence) {
    json["cause"] = cause_word(outcome, *divergence);
    json["message"] = divergence_headline(outcome, *divergence);
    json["variant"] = divergence->variant;
  }
  if (divergence && divergence->kind == Divergence::Kind::exit_status) {
    json["variant_exit"]
      = exit_status(variant_wait(outcome, divergence->variant));
  } else if (divergence) {
    json["call"] = {{"seq", status.seq},
                    {"thread", status.thread},
                    {"nr", nullptr},
                    {"name", nullptr}};
    if (names_a_call(status.cause)) {
      json["call"]["nr"] = status.nr;
      json["call"]["name"] = name_json(status.nr);
    }
    switch (status.cause) {
    case StopCause::call:
      json["other_call"]
        = {{"nr", status.other_nr}, {"name", name_json(status.other_nr)}};
      break;
    case StopCause::args:
      if (status.part) {
        json["part"] = *status.part;
      }
      json["offset"] = status.offset;
      json["leader"] = bytes_json(status.leader_bytes);
      json["variant_bytes"] = bytes_json(status.variant_bytes);
      break;
    case StopCause::died:
      json["variant_exit"] = exit_status(static_cast<int>(status.detail));
      break;
    default:
      break;
    }
  }
  json["pids"] = outcome.pids;
  auto exits = nlohmann::ordered_json::array();
  for (int wait_status : outcome.wait_statuses) {
    exits.push_back(exit_status(wait_status));
  }
  json["exit"] = exits;
  return json.dump(2) + "\n";
}

} // namespace run
