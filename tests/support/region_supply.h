#pragma once

#include <chrono>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "emulator/training/supply.h"
#include "tests/support/test_world.h"

namespace test_support {

// The capacity supply of one region (the pool, quotas, faults, spot and their random
// streams) in one place, for tests that provision without a World.
struct RegionSupply {
  RegionSupply(std::vector<std::string> zones, int per_zone)
      : pool{catalog, "us-east-1", std::move(zones), per_zone, {}} {}

  emulator::training::Supply supply() { return {pool, quotas, faults, rng, unavailable, history, spot, spot_rng}; }

  capacity_model::Catalog catalog = real_catalog();
  capacity_model::RegionalPool pool;
  capacity_model::QuotaBook quotas;
  capacity_model::FaultBook faults;
  std::mt19937_64 rng{7};
  capacity_model::UnavailableOfferings unavailable{std::chrono::milliseconds(0)};
  capacity_model::CapacityHistory history;
  capacity_model::SpotInterruptions spot;
  std::mt19937_64 spot_rng{11};
};

}  // namespace test_support
