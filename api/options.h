#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "capacity_model/result.h"
#include "emulator/sim/clock.h"
#include "emulator/timeline/timeline.h"

namespace api {

// Command-line flags, each also readable from an AMT_EMULATOR_* variable (flags win).
struct Options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 4599;
  std::optional<std::string> scenario_file;
  std::optional<emulator::sim::ClockMode> clock;  // the scenario's, else realtime
  std::optional<double> time_scale;               // the scenario's, else 600
  std::optional<std::uint64_t> seed;              // the scenario's, else 0
  std::string log_level = "info";
  std::size_t max_events = emulator::timeline::kDefaultMaxEvents;  // the timeline's retention
  bool help = false;
  bool version = false;
};

struct OptionsError {
  std::string message;
};

// `getenv` is handed in so tests can supply an environment.
capacity_model::Result<Options, OptionsError> parse_options(const std::vector<std::string>& args,
                                                            const std::function<const char*(const char*)>& getenv);

std::string usage();

}  // namespace api
