#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "capacity_model/time.h"

namespace capacity_model {

// Capacity of one instance type; zone empty = every zone of the region.
struct PoolCapacity {
  std::string instance_type;
  std::optional<std::string> zone;
  int capacity = 0;
};

// A timed capacity step (an outage is a step to 0, a recovery a step back up).
struct CapacityStep {
  Millis at{0};
  std::string instance_type;
  std::optional<std::string> zone;
  int capacity = 0;
};

struct RetryPolicy {
  Millis backoff{std::chrono::seconds(30)};  // how often a job short of capacity asks again
  Millis window{std::chrono::minutes(10)};   // how long it waits before failing with CapacityError
};

struct Scenario {
  std::string name = "default";
  std::string description;
  std::string region = "us-east-1";
  std::vector<std::string> zones = {"us-east-1a", "us-east-1b", "us-east-1c"};
  int default_capacity_per_zone = 16;
  std::vector<PoolCapacity> pools;    // overrides of the default, applied in order
  std::vector<CapacityStep> changes;  // timed capacity steps / outages
  RetryPolicy retry;
  // Settings that belong to the emulator; carried here so that one file describes a run.
  std::optional<std::uint64_t> seed;
  std::optional<std::string> clock_mode;
  std::optional<double> time_scale;
};

}  // namespace capacity_model
