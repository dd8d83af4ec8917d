#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "capacity_model/pool.h"
#include "capacity_model/snapshot_error.h"
#include "tests/unit/capacity_model/pool_test_support.h"
#include "tests/unit/capacity_model/snapshot_test_support.h"

namespace capacity_model {
namespace {

using snapshot_test::with;
using namespace pool_test;
using snapshot_test::restore_into;

// Leases in both markets (one released), a Set, timed steps of every scope (one ended, one
// whose id was reused with another scope) and demand on some cells.
RegionalPool busy_pool() {
  PoolCapacity spot_b{"ml.g5.xlarge", "us-east-1b", 3};
  spot_b.capacity_type = CapacityType::Spot;
  RegionalPool pool = make_markets(6, 4, {{"ml.m5.xlarge", "us-east-1a", 5}, spot_b});
  (void)pool.allocate("ml.m5.xlarge", 2);
  const auto released = granted(pool.allocate("ml.m4.xlarge", 3)).lease;
  (void)pool.allocate("ml.g5.xlarge", 2, CapacityType::Spot);
  pool.release(released);
  EXPECT_TRUE(pool.apply(type_step(StepPhase::Set, 0, "ml.m4.xlarge", 9)));
  EXPECT_TRUE(pool.apply(zone_step(StepPhase::Begin, 1, "us-east-1c", 0)));
  CapacityStep spot_a = zone_step(StepPhase::Begin, 2, "us-east-1a", 1);
  spot_a.instance_type = "ml.g5.xlarge";
  spot_a.capacity_type = CapacityType::Spot;
  EXPECT_TRUE(pool.apply(spot_a));
  EXPECT_TRUE(pool.apply(type_step(StepPhase::Begin, 3, "ml.m5.xlarge", 2)));
  EXPECT_TRUE(pool.apply(type_step(StepPhase::Begin, 4, "ml.m4.xlarge", 1)));
  EXPECT_TRUE(pool.apply(type_step(StepPhase::End, 4, "ml.m4.xlarge", 0)));
  // Id 3 again with another scope: the cells of its first scope keep showing 2 until refreshed.
  EXPECT_TRUE(pool.apply(type_step(StepPhase::Begin, 3, "ml.g5.xlarge", 7)));
  EXPECT_TRUE(pool.set_demand_utilization("ml.m5.xlarge", "us-east-1b", CapacityType::OnDemand, 0.3));
  EXPECT_TRUE(pool.set_demand_utilization("ml.g5.xlarge", "us-east-1a", CapacityType::Spot, 1.0 / 3));
  return pool;
}

TEST(RegionalPoolState, RoundTripsAndBehavesTheSame) {
  RegionalPool original = busy_pool();
  RegionalPool restored = make_markets(6, 4);
  restore_into(original, restored);
  EXPECT_EQ(restored.usage_of("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand)->capacity, 2);
  EXPECT_EQ(restored.usage_of("ml.m5.xlarge", "us-east-1b", CapacityType::OnDemand)->demand, 1);

  for (RegionalPool* pool : {&original, &restored}) {
    EXPECT_TRUE(pool->apply(type_step(StepPhase::End, 3, "ml.g5.xlarge", 0)));
    EXPECT_TRUE(pool->apply(zone_step(StepPhase::End, 1, "us-east-1c", 0)));
  }
  const Granted a = granted(original.allocate("ml.m5.xlarge", 4));
  const Granted b = granted(restored.allocate("ml.m5.xlarge", 4));
  EXPECT_EQ(a.zone, b.zone);
  EXPECT_EQ(a.lease, b.lease);
  EXPECT_EQ(restored.lease(1)->count, 2);
  original.release(1);
  restored.release(1);
  EXPECT_EQ(ice(original.allocate("ml.g5.xlarge", 5, CapacityType::Spot)).largest_free_in_one_zone,
            ice(restored.allocate("ml.g5.xlarge", 5, CapacityType::Spot)).largest_free_in_one_zone);
  EXPECT_EQ(original.save().dump(), restored.save().dump());
}

TEST(RegionalPoolState, RefusesAPoolOfAnotherShape) {
  const auto state = busy_pool().save();
  RegionalPool other_zones(small_catalog(), "us-east-1", {"us-east-1a", "us-east-1b"}, 6, {}, 4);
  EXPECT_THROW(other_zones.load(state), SnapshotError);
  RegionalPool other_region(small_catalog(), "us-west-2", kZones, 6, {}, 4);
  EXPECT_THROW(other_region.load(state), SnapshotError);
  RegionalPool other_types(Catalog({InstanceSpec{"ml.m5.xlarge", "m5", 4, 16, 0, 0.23, 1.0}}), "us-east-1", kZones, 6,
                           {}, 4);
  EXPECT_THROW(other_types.load(state), SnapshotError);
}

TEST(RegionalPoolState, RefusesWhatDoesNotFit) {
  const auto state = busy_pool().save();
  RegionalPool pool = make_markets(6, 4);
  EXPECT_THROW(pool.load(with(state, "/overrides/0/zone", "us-east-1z")), SnapshotError);
  EXPECT_THROW(pool.load(with(state, "/overrides/0/capacity_type", "reserved")), SnapshotError);
  EXPECT_THROW(pool.load(with(state, "/leases/0/cell", 18)), SnapshotError);
  EXPECT_THROW(pool.load(with(state, "/next_lease", 1)), SnapshotError);
  EXPECT_THROW(pool.load(with(state, "/cells/-", {0, 0, 0, 0.0})), SnapshotError);  // one cell too many
  EXPECT_THROW(pool.load(with(state, "/cells", "none")), nlohmann::json::exception);
  // What was refused left the pool as it was.
  EXPECT_EQ(pool.save().dump(), make_markets(6, 4).save().dump());
}

}  // namespace
}  // namespace capacity_model
