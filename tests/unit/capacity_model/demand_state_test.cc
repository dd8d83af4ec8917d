#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "capacity_model/demand.h"
#include "capacity_model/snapshot_error.h"
#include "tests/unit/capacity_model/snapshot_test_support.h"

namespace capacity_model {
namespace {

using snapshot_test::restore_into;
using snapshot_test::with;
using std::chrono::hours;
using std::chrono::minutes;

std::vector<PoolKey> two_pools() {
  return {PoolKey{"ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand},
          PoolKey{"ml.m5.xlarge", "us-east-1a", CapacityType::Spot}};
}

BackgroundDemand make_demand(std::vector<PoolKey> keys = two_pools()) {
  DemandSettings s;
  s.enabled = true;
  s.step = minutes(5);
  s.profile.target_utilization = 0.4;
  s.profile.volatility = 0.2;
  s.profile.daily.amplitude = 0.1;
  return BackgroundDemand(s, std::move(keys));
}

TEST(BackgroundDemandState, RoundTripsAndStepsTheSame) {
  std::mt19937_64 rng(42);
  BackgroundDemand original = make_demand();
  original.advance_to(hours(2) + minutes(3), rng);
  original.set_utilization(1, 0.95);
  BackgroundDemand restored = make_demand();
  restore_into(original, restored);
  EXPECT_EQ(restored.last_step(), hours(2));
  EXPECT_EQ(restored.utilization(), original.utilization());

  std::mt19937_64 other_rng = rng;
  EXPECT_EQ(original.advance_to(hours(5), rng), restored.advance_to(hours(5), other_rng));
  EXPECT_EQ(original.utilization(), restored.utilization());
  EXPECT_EQ(original.last_step(), restored.last_step());
}

TEST(BackgroundDemandState, RefusesWhatDoesNotFit) {
  std::mt19937_64 rng(7);
  BackgroundDemand original = make_demand();
  original.advance_to(hours(1), rng);
  const auto state = original.save();

  BackgroundDemand fewer = make_demand({two_pools().front()});
  EXPECT_THROW(fewer.load(state), SnapshotError);
  BackgroundDemand demand = make_demand();
  // Not a multiple of the 5-minute step.
  EXPECT_THROW(demand.load(with(state, "/last_step_ms", 7)), SnapshotError);
  EXPECT_THROW(demand.load(with(state, "/utilization/0", 1.5)), SnapshotError);
  BackgroundDemand off(DemandSettings{}, two_pools());
  EXPECT_THROW(off.load(state), SnapshotError);
  EXPECT_THROW(demand.load(with(state, "/utilization", "high")), nlohmann::json::exception);
  EXPECT_EQ(demand.last_step(), Millis{0});
}

}  // namespace
}  // namespace capacity_model
