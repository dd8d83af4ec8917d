#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "capacity_model/pool.h"

// A three-zone pool of three small types, and readers of its decisions, for the pool tests.
namespace capacity_model::pool_test {

inline const std::vector<std::string> kZones = {"us-east-1a", "us-east-1b", "us-east-1c"};

inline Catalog small_catalog() {
  return Catalog({InstanceSpec{"ml.m4.xlarge", "m4", 4, 16, 0, 0.24, 0.8},
                  InstanceSpec{"ml.m5.xlarge", "m5", 4, 16, 0, 0.23, 1.0},
                  InstanceSpec{"ml.g5.xlarge", "g5", 4, 16, 1, 1.408, 10.1}});
}

inline RegionalPool make_pool(int per_zone, const std::vector<PoolCapacity>& overrides = {}) {
  return RegionalPool(small_catalog(), "us-east-1", kZones, per_zone, overrides);
}

inline const PoolUsage& cell(const std::vector<PoolUsage>& usage, std::string_view zone) {
  for (const auto& u : usage) {
    if (u.zone == zone) return u;
  }
  throw std::logic_error("no such zone in usage");
}

inline Granted granted(const Decision& d) {
  EXPECT_TRUE(std::holds_alternative<Granted>(d));
  return std::holds_alternative<Granted>(d) ? std::get<Granted>(d) : Granted{};
}

inline InsufficientCapacity ice(const Decision& d) {
  EXPECT_TRUE(std::holds_alternative<InsufficientCapacity>(d));
  return std::holds_alternative<InsufficientCapacity>(d) ? std::get<InsufficientCapacity>(d) : InsufficientCapacity{};
}

// Spot capacity apart from on-demand.
inline RegionalPool make_markets(int on_demand, int spot, const std::vector<PoolCapacity>& overrides = {}) {
  return RegionalPool(small_catalog(), "us-east-1", kZones, on_demand, overrides, spot);
}

// A step of a whole zone (both markets) or of one type.
inline CapacityStep zone_step(StepPhase phase, std::uint64_t id, std::string zone, int capacity) {
  CapacityStep s;
  s.zone = std::move(zone);
  s.capacity = capacity;
  s.capacity_type = std::nullopt;
  s.phase = phase;
  s.override_id = id;
  return s;
}

inline CapacityStep type_step(StepPhase phase, std::uint64_t id, std::string type, int capacity) {
  CapacityStep s;
  s.instance_type = std::move(type);
  s.capacity = capacity;
  s.phase = phase;
  s.override_id = id;
  return s;
}

}  // namespace capacity_model::pool_test
