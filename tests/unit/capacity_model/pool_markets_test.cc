#include <gtest/gtest.h>

#include "capacity_model/pool.h"
#include "tests/support/nonempty.h"
#include "tests/support/status.h"
#include "tests/unit/capacity_model/pool_test_support.h"

namespace capacity_model {
namespace {

using namespace pool_test;

TEST(RegionalPoolMarkets, SpotStartsAtTheOnDemandDefaultUnlessTold) {
  const RegionalPool same = make_pool(5);
  for (const auto& u : test_support::nonempty(same.usage(CapacityType::Spot))) EXPECT_EQ(u.capacity, 5);
  const RegionalPool own = make_markets(5, 2);
  for (const auto& u : test_support::nonempty(own.usage(CapacityType::Spot))) {
    EXPECT_EQ(u.capacity, 2);
    EXPECT_EQ(u.capacity_type, CapacityType::Spot);
  }
  for (const auto& u : test_support::nonempty(own.usage())) {
    EXPECT_EQ(u.capacity, 5);
    EXPECT_EQ(u.capacity_type, CapacityType::OnDemand);
  }
}

TEST(RegionalPoolMarkets, UsageListsOnDemandByDefaultAndKeysListBoth) {
  const RegionalPool pool = make_markets(4, 2);
  EXPECT_EQ(pool.usage().size(), 9u);
  EXPECT_EQ(pool.usage(CapacityType::Spot).size(), 9u);
  const auto keys = pool.keys();
  ASSERT_EQ(keys.size(), 18u);
  EXPECT_EQ(keys[0], (PoolKey{"ml.m4.xlarge", "us-east-1a", CapacityType::OnDemand}));
  EXPECT_EQ(keys[1], (PoolKey{"ml.m4.xlarge", "us-east-1a", CapacityType::Spot}));
  EXPECT_EQ(keys[2], (PoolKey{"ml.m4.xlarge", "us-east-1b", CapacityType::OnDemand}));
  EXPECT_EQ(keys[17], (PoolKey{"ml.g5.xlarge", "us-east-1c", CapacityType::Spot}));
}

TEST(RegionalPoolMarkets, OverridesActOnTheirOwnMarket) {
  PoolCapacity spot_b{"ml.m5.xlarge", "us-east-1b", 9};
  spot_b.capacity_type = CapacityType::Spot;
  const RegionalPool pool = make_markets(4, 2, {{"ml.m5.xlarge", "us-east-1b", 7}, spot_b});
  EXPECT_EQ(cell(pool.usage_of("ml.m5.xlarge"), "us-east-1b").capacity, 7);
  EXPECT_EQ(cell(pool.usage_of("ml.m5.xlarge", CapacityType::Spot), "us-east-1b").capacity, 9);
  EXPECT_EQ(cell(pool.usage_of("ml.m5.xlarge", CapacityType::Spot), "us-east-1a").capacity, 2);
}

TEST(RegionalPoolMarkets, ZoneChoiceFollowsTheMarketAsked) {
  PoolCapacity spot_c{"ml.g5.xlarge", "us-east-1c", 10};
  spot_c.capacity_type = CapacityType::Spot;
  RegionalPool pool = make_markets(4, 4, {{"ml.g5.xlarge", "us-east-1b", 10}, spot_c});
  EXPECT_EQ(granted(pool.allocate("ml.g5.xlarge", 2)).zone, "us-east-1b");
  EXPECT_EQ(granted(pool.allocate("ml.g5.xlarge", 2, CapacityType::OnDemand)).zone, "us-east-1b");
  const Granted spot = granted(pool.allocate("ml.g5.xlarge", 2, CapacityType::Spot));
  EXPECT_EQ(spot.zone, "us-east-1c");
  EXPECT_EQ(cell(pool.usage_of("ml.g5.xlarge", CapacityType::Spot), "us-east-1c").in_use, 2);
  EXPECT_EQ(cell(pool.usage_of("ml.g5.xlarge"), "us-east-1c").in_use, 0);
  EXPECT_EQ(cell(pool.usage_of("ml.g5.xlarge"), "us-east-1b").in_use, 4);

  const auto lease = pool.lease(spot.lease);
  ASSERT_TRUE(lease);
  EXPECT_EQ(lease->instance_type, "ml.g5.xlarge");
  EXPECT_EQ(lease->zone, "us-east-1c");
  EXPECT_EQ(lease->capacity_type, CapacityType::Spot);
  EXPECT_EQ(lease->count, 2);
  pool.release(spot.lease);
  EXPECT_FALSE(pool.lease(spot.lease));
  EXPECT_EQ(cell(pool.usage_of("ml.g5.xlarge", CapacityType::Spot), "us-east-1c").in_use, 0);
}

TEST(RegionalPoolMarkets, SpotIceWhileOnDemandHasRoom) {
  RegionalPool pool = make_markets(4, 0);
  const InsufficientCapacity i = ice(pool.allocate("ml.m5.xlarge", 1, CapacityType::Spot));
  EXPECT_EQ(i.capacity_type, CapacityType::Spot);
  EXPECT_EQ(i.largest_free_in_one_zone, 0);
  EXPECT_EQ(i.refused_zones, kZones);
  EXPECT_TRUE(i.fault_id.empty());
  EXPECT_EQ(granted(pool.allocate("ml.m5.xlarge", 1)).zone, "us-east-1a");
}

TEST(RegionalPoolMarkets, SetCapacityOfOneMarket) {
  RegionalPool pool = make_markets(4, 4);
  EXPECT_TRUE(pool.set_capacity("ml.m5.xlarge", std::nullopt, 0, CapacityType::Spot));
  for (const auto& u : test_support::nonempty(pool.usage_of("ml.m5.xlarge", CapacityType::Spot)))
    EXPECT_EQ(u.capacity, 0);
  for (const auto& u : test_support::nonempty(pool.usage_of("ml.m5.xlarge"))) EXPECT_EQ(u.capacity, 4);
  const auto one = pool.usage_of("ml.m5.xlarge", "us-east-1b", CapacityType::Spot);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->capacity, 0);
  EXPECT_FALSE(pool.usage_of("ml.m5.xlarge", "us-east-1z", CapacityType::Spot));
  EXPECT_FALSE(pool.usage_of("ml.nope.xlarge", "us-east-1a", CapacityType::Spot));
}

}  // namespace
}  // namespace capacity_model
