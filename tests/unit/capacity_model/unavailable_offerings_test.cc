#include "capacity_model/unavailable_offerings.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <variant>
#include <vector>

#include "capacity_model/pool.h"

namespace capacity_model {
namespace {

using std::chrono::seconds;

TEST(UnavailableOfferings, UnavailableForExactlyTheTtl) {
  UnavailableOfferings cache(seconds(180));
  cache.mark("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, Millis{1000});
  EXPECT_TRUE(
      cache.is_unavailable("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, Millis{1000}));
  EXPECT_TRUE(
      cache.is_unavailable("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, Millis{180999}));
  EXPECT_FALSE(
      cache.is_unavailable("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, Millis{181000}));
  EXPECT_EQ(cache.available_at("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, Millis{5000}),
            Millis{181000});
  EXPECT_EQ(cache.next_change_after(Millis{0}), Millis{181000});
  EXPECT_EQ(cache.next_change_after(Millis{181000}), std::nullopt);
}

TEST(UnavailableOfferings, KeyedByTypeZoneAndCapacityType) {
  UnavailableOfferings cache(seconds(180));
  cache.mark("ml.m5.xlarge", "us-east-1a", CapacityType::Spot, Millis{0});
  EXPECT_TRUE(cache.is_unavailable("ml.m5.xlarge", "us-east-1a", CapacityType::Spot, Millis{0}));
  EXPECT_FALSE(
      cache.is_unavailable("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, Millis{0}));
  EXPECT_FALSE(cache.is_unavailable("ml.m5.xlarge", "us-east-1b", CapacityType::Spot, Millis{0}));
  EXPECT_FALSE(cache.is_unavailable("ml.m5.2xlarge", "us-east-1a", CapacityType::Spot, Millis{0}));
}

TEST(UnavailableOfferings, MarkingAgainRestartsTheTtlAndExpiredEntriesGo) {
  UnavailableOfferings cache(seconds(10));
  cache.mark("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, Millis{0});
  cache.mark("ml.g5.xlarge", "us-east-1a", CapacityType::OnDemand, Millis{0});
  cache.mark("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, seconds(5));
  EXPECT_TRUE(
      cache.is_unavailable("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, seconds(14)));
  EXPECT_FALSE(
      cache.is_unavailable("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, seconds(15)));
  EXPECT_EQ(cache.size(), 2u);
  cache.mark("ml.c5.xlarge", "us-east-1a", CapacityType::OnDemand, seconds(12));
  EXPECT_EQ(cache.size(), 2u);  // the g5 entry expired at 10 s and was dropped
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
}

TEST(UnavailableOfferings, ZeroTtlIsOff) {
  UnavailableOfferings cache;
  EXPECT_EQ(cache.ttl(), Millis{0});
  cache.mark("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, Millis{0});
  EXPECT_FALSE(
      cache.is_unavailable("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, Millis{0}));
  EXPECT_EQ(cache.size(), 0u);
}

// ---- the pool skips cached offerings ---------------------------------------------------

RegionalPool make_pool(int per_zone) {
  return RegionalPool(Catalog({InstanceSpec{"ml.m5.xlarge", "m5", 4, 16, 0, 0.23, 1.0}}),
                      "us-east-1", {"us-east-1a", "us-east-1b", "us-east-1c"}, per_zone, {});
}

TEST(UnavailableOfferingsInPool, CachedZoneIsNotAskedUntilTheTtlPasses) {
  RegionalPool pool = make_pool(4);
  UnavailableOfferings cache(seconds(180));
  cache.mark("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, Millis{0});
  auto zone_at = [&](Millis t) {
    const Granted g = std::get<Granted>(pool.allocate(
        "ml.m5.xlarge", 1, CapacityType::OnDemand, AllocationContext{t, nullptr, nullptr, &cache}));
    pool.release(g.lease);
    return g.zone;
  };
  EXPECT_EQ(zone_at(Millis{179999}), "us-east-1b");
  EXPECT_EQ(zone_at(Millis{180000}), "us-east-1a");
}

TEST(UnavailableOfferingsInPool, IceMarksTheRefusedZonesAndTheNextAskSkipsThem) {
  RegionalPool pool = make_pool(2);
  UnavailableOfferings cache(seconds(180));
  const AllocationContext at_0{Millis{0}, nullptr, nullptr, &cache};
  const auto first = std::get<InsufficientCapacity>(
      pool.allocate("ml.m5.xlarge", 3, CapacityType::OnDemand, at_0));
  ASSERT_EQ(first.refused_zones.size(), 3u);
  for (const auto& zone : first.refused_zones) {
    cache.mark(first.instance_type, zone, first.capacity_type, Millis{0});
  }
  // Within the ttl nothing is asked: no zone refuses, nothing is free.
  const auto cached = std::get<InsufficientCapacity>(
      pool.allocate("ml.m5.xlarge", 1, CapacityType::OnDemand,
                    AllocationContext{seconds(60), nullptr, nullptr, &cache}));
  EXPECT_TRUE(cached.refused_zones.empty());
  EXPECT_EQ(cached.largest_free_in_one_zone, 0);
  // At the ttl the pools are asked again.
  EXPECT_TRUE(std::holds_alternative<Granted>(
      pool.allocate("ml.m5.xlarge", 1, CapacityType::OnDemand,
                    AllocationContext{seconds(180), nullptr, nullptr, &cache})));
}

}  // namespace
}  // namespace capacity_model
