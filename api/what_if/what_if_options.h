#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "capacity_model/result.h"
#include "emulator/what_if/report.h"

namespace api::what_if {

// amt-emulator what-if --scenario S --request R.json --runs N [--seed S0] [--shard I/N]
//                      --json OUT [--html OUT] [--compare R2.json ...]
struct RunCommand {
  std::string scenario;
  std::vector<std::string> requests;  // --request first, then each --compare in order
  int runs = 0;
  std::uint64_t seed_base = 0;
  emulator::what_if::Shard shard;
  std::string json_out;
  std::optional<std::string> html_out;
};

// amt-emulator what-if merge A.json B.json ... --json OUT [--html OUT]
struct MergeCommand {
  std::vector<std::string> inputs;
  std::string json_out;
  std::optional<std::string> html_out;
};

using Command = std::variant<RunCommand, MergeCommand>;

// The arguments after "what-if". Errors are one line naming the argument.
capacity_model::Result<Command, std::string> parse_what_if(const std::vector<std::string>& args);

std::string what_if_usage();

}  // namespace api::what_if
