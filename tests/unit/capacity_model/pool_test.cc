#include "capacity_model/pool.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "tests/support/status.h"

namespace capacity_model {
namespace {

const std::vector<std::string> kZones = {"us-east-1a", "us-east-1b", "us-east-1c"};

Catalog small_catalog() {
  return Catalog({InstanceSpec{"ml.m4.xlarge", "m4", 4, 16, 0, 0.24, 0.8},
                  InstanceSpec{"ml.m5.xlarge", "m5", 4, 16, 0, 0.23, 1.0},
                  InstanceSpec{"ml.g5.xlarge", "g5", 4, 16, 1, 1.408, 10.1}});
}

RegionalPool make_pool(int per_zone, const std::vector<PoolCapacity>& overrides = {}) {
  return RegionalPool(small_catalog(), "us-east-1", kZones, per_zone, overrides);
}

const PoolUsage& cell(const std::vector<PoolUsage>& usage, std::string_view zone) {
  for (const auto& u : usage) {
    if (u.zone == zone) return u;
  }
  throw std::logic_error("no such zone in usage");
}

Granted granted(const Decision& d) {
  EXPECT_TRUE(std::holds_alternative<Granted>(d));
  return std::holds_alternative<Granted>(d) ? std::get<Granted>(d) : Granted{};
}

InsufficientCapacity ice(const Decision& d) {
  EXPECT_TRUE(std::holds_alternative<InsufficientCapacity>(d));
  return std::holds_alternative<InsufficientCapacity>(d) ? std::get<InsufficientCapacity>(d)
                                                         : InsufficientCapacity{};
}

TEST(RegionalPool, StartsAtDefaultInEveryZoneInCatalogThenZoneOrder) {
  const RegionalPool pool = make_pool(16);
  EXPECT_EQ(pool.region(), "us-east-1");
  EXPECT_EQ(pool.zones(), kZones);
  const auto usage = pool.usage();
  ASSERT_EQ(usage.size(), 9u);
  const std::vector<std::string> types = {"ml.m4.xlarge", "ml.m5.xlarge", "ml.g5.xlarge"};
  for (std::size_t i = 0; i < usage.size(); ++i) {
    EXPECT_EQ(usage[i].instance_type, types[i / 3]);
    EXPECT_EQ(usage[i].zone, kZones[i % 3]);
    EXPECT_EQ(usage[i].capacity, 16);
    EXPECT_EQ(usage[i].in_use, 0);
    EXPECT_EQ(usage[i].available, 16);
  }
}

TEST(RegionalPool, OverridesApplyInOrder) {
  const RegionalPool pool = make_pool(16, {{"ml.m4.xlarge", std::nullopt, 0},
                                           {"ml.m4.xlarge", "us-east-1b", 3},
                                           {"ml.m5.xlarge", "us-east-1c", 1}});
  const auto m4 = pool.usage_of("ml.m4.xlarge");
  EXPECT_EQ(cell(m4, "us-east-1a").capacity, 0);
  EXPECT_EQ(cell(m4, "us-east-1b").capacity, 3);
  EXPECT_EQ(cell(m4, "us-east-1c").capacity, 0);
  const auto m5 = pool.usage_of("ml.m5.xlarge");
  EXPECT_EQ(cell(m5, "us-east-1a").capacity, 16);
  EXPECT_EQ(cell(m5, "us-east-1c").capacity, 1);
}

TEST(RegionalPool, InvalidOverrideIsSkippedNotFatal) {
  const RegionalPool pool = make_pool(5, {{"ml.nope.xlarge", std::nullopt, 0},
                                          {"ml.m5.xlarge", "us-west-2a", 0},
                                          {"ml.m5.xlarge", std::nullopt, -1},
                                          {"ml.m5.xlarge", "us-east-1a", 2}});
  const auto m5 = pool.usage_of("ml.m5.xlarge");
  EXPECT_EQ(cell(m5, "us-east-1a").capacity, 2);
  EXPECT_EQ(cell(m5, "us-east-1b").capacity, 5);
}

TEST(RegionalPool, GrantsInTheZoneWithMostAvailable) {
  RegionalPool pool =
      make_pool(4, {{"ml.m5.xlarge", "us-east-1b", 10}, {"ml.m5.xlarge", "us-east-1c", 7}});
  const Granted g = granted(pool.allocate("ml.m5.xlarge", 2));
  EXPECT_EQ(g.zone, "us-east-1b");
  const auto m5 = pool.usage_of("ml.m5.xlarge");
  EXPECT_EQ(cell(m5, "us-east-1b").in_use, 2);
  EXPECT_EQ(cell(m5, "us-east-1b").available, 8);
  EXPECT_EQ(cell(m5, "us-east-1a").in_use, 0);
}

TEST(RegionalPool, TiesGoToTheEarlierZone) {
  RegionalPool pool = make_pool(4);
  EXPECT_EQ(granted(pool.allocate("ml.m5.xlarge", 1)).zone, "us-east-1a");
  // a now has 3, b and c 4: b wins, then c, then back to a.
  EXPECT_EQ(granted(pool.allocate("ml.m5.xlarge", 1)).zone, "us-east-1b");
  EXPECT_EQ(granted(pool.allocate("ml.m5.xlarge", 1)).zone, "us-east-1c");
  EXPECT_EQ(granted(pool.allocate("ml.m5.xlarge", 1)).zone, "us-east-1a");
}

TEST(RegionalPool, WholeClusterLandsInOneZone) {
  RegionalPool pool = make_pool(4, {{"ml.g5.xlarge", "us-east-1c", 6}});
  const Granted g = granted(pool.allocate("ml.g5.xlarge", 6));
  EXPECT_EQ(g.zone, "us-east-1c");
  EXPECT_EQ(cell(pool.usage_of("ml.g5.xlarge"), "us-east-1c").available, 0);
}

TEST(RegionalPool, IceWhenNoSingleZoneHasRoomEvenIfTheSumWould) {
  RegionalPool pool = make_pool(4);  // 12 in the region, 4 per zone
  const InsufficientCapacity i = ice(pool.allocate("ml.m5.xlarge", 5));
  EXPECT_EQ(i.instance_type, "ml.m5.xlarge");
  EXPECT_EQ(i.requested, 5);
  EXPECT_EQ(i.largest_free_in_one_zone, 4);
  for (const auto& u : pool.usage()) EXPECT_EQ(u.in_use, 0);  // nothing half-granted
}

TEST(RegionalPool, IceReportsLargestFreeZoneAfterUse) {
  RegionalPool pool = make_pool(4);
  granted(pool.allocate("ml.m5.xlarge", 4));
  granted(pool.allocate("ml.m5.xlarge", 3));
  EXPECT_EQ(ice(pool.allocate("ml.m5.xlarge", 5)).largest_free_in_one_zone, 4);
  granted(pool.allocate("ml.m5.xlarge", 4));
  EXPECT_EQ(ice(pool.allocate("ml.m5.xlarge", 2)).largest_free_in_one_zone, 1);
}

TEST(RegionalPool, ZeroCapacityEverywhereIsIce) {
  RegionalPool pool = make_pool(16, {{"ml.m4.xlarge", std::nullopt, 0}});
  const InsufficientCapacity i = ice(pool.allocate("ml.m4.xlarge", 1));
  EXPECT_EQ(i.largest_free_in_one_zone, 0);
  EXPECT_EQ(granted(pool.allocate("ml.m5.xlarge", 1)).zone, "us-east-1a");
}

TEST(RegionalPool, BadRequestsAreIceWithNothingFree) {
  RegionalPool pool = make_pool(16);
  const InsufficientCapacity unknown = ice(pool.allocate("ml.nope.xlarge", 1));
  EXPECT_EQ(unknown.instance_type, "ml.nope.xlarge");
  EXPECT_EQ(unknown.requested, 1);
  EXPECT_EQ(unknown.largest_free_in_one_zone, 0);
  EXPECT_EQ(ice(pool.allocate("ml.m5.xlarge", 0)).largest_free_in_one_zone, 0);
  EXPECT_EQ(ice(pool.allocate("ml.m5.xlarge", -3)).requested, -3);
}

TEST(RegionalPool, NoZonesMeansIce) {
  RegionalPool pool(small_catalog(), "us-east-1", {}, 16, {});
  EXPECT_TRUE(pool.usage().empty());
  EXPECT_EQ(ice(pool.allocate("ml.m5.xlarge", 1)).largest_free_in_one_zone, 0);
}

TEST(RegionalPool, LeasesAreDistinct) {
  RegionalPool pool = make_pool(16);
  std::set<LeaseId> leases;
  for (int i = 0; i < 20; ++i) leases.insert(granted(pool.allocate("ml.m5.xlarge", 1)).lease);
  EXPECT_EQ(leases.size(), 20u);
}

TEST(RegionalPool, ReleaseReturnsCapacityAndIsIdempotent) {
  RegionalPool pool = make_pool(4);
  const Granted a = granted(pool.allocate("ml.m5.xlarge", 3));
  const Granted b = granted(pool.allocate("ml.m5.xlarge", 2));
  EXPECT_EQ(a.zone, "us-east-1a");
  EXPECT_EQ(b.zone, "us-east-1b");

  pool.release(a.lease);
  EXPECT_EQ(cell(pool.usage_of("ml.m5.xlarge"), "us-east-1a").in_use, 0);
  EXPECT_EQ(cell(pool.usage_of("ml.m5.xlarge"), "us-east-1a").available, 4);
  pool.release(a.lease);
  pool.release(9999);
  const auto m5 = pool.usage_of("ml.m5.xlarge");
  EXPECT_EQ(cell(m5, "us-east-1a").in_use, 0);
  EXPECT_EQ(cell(m5, "us-east-1b").in_use, 2);

  pool.release(b.lease);
  for (const auto& u : pool.usage()) EXPECT_EQ(u.available, u.capacity);
}

TEST(RegionalPool, ReleaseMakesRoomForAnIcedRequest) {
  RegionalPool pool = make_pool(2, {{"ml.g5.xlarge", "us-east-1a", 4}});
  const Granted held = granted(pool.allocate("ml.g5.xlarge", 4));
  ice(pool.allocate("ml.g5.xlarge", 3));
  pool.release(held.lease);
  EXPECT_EQ(granted(pool.allocate("ml.g5.xlarge", 3)).zone, "us-east-1a");
}

TEST(RegionalPool, SetCapacityInOneZone) {
  RegionalPool pool = make_pool(16);
  EXPECT_TRUE(pool.set_capacity("ml.m5.xlarge", "us-east-1b", 2));
  const auto m5 = pool.usage_of("ml.m5.xlarge");
  EXPECT_EQ(cell(m5, "us-east-1a").capacity, 16);
  EXPECT_EQ(cell(m5, "us-east-1b").capacity, 2);
  EXPECT_EQ(cell(m5, "us-east-1c").capacity, 16);
  EXPECT_EQ(cell(pool.usage_of("ml.m4.xlarge"), "us-east-1b").capacity, 16);
}

TEST(RegionalPool, SetCapacityInEveryZone) {
  RegionalPool pool = make_pool(16);
  EXPECT_TRUE(pool.set_capacity("ml.m4.xlarge", std::nullopt, 0));
  for (const auto& u : pool.usage_of("ml.m4.xlarge")) EXPECT_EQ(u.capacity, 0);
  ice(pool.allocate("ml.m4.xlarge", 1));
  EXPECT_TRUE(pool.set_capacity("ml.m4.xlarge", std::nullopt, 3));
  EXPECT_EQ(granted(pool.allocate("ml.m4.xlarge", 3)).zone, "us-east-1a");
}

TEST(RegionalPool, SetCapacityRejectsBadInput) {
  RegionalPool pool = make_pool(16);
  EXPECT_EQ(test_support::error_text(pool.set_capacity("ml.nope.xlarge", std::nullopt, 1)),
            "unknown instance type 'ml.nope.xlarge'");
  EXPECT_EQ(test_support::error_text(pool.set_capacity("ml.m5.xlarge", "us-west-2a", 1)),
            "unknown availability zone 'us-west-2a' in region 'us-east-1'");
  EXPECT_EQ(test_support::error_text(pool.set_capacity("ml.m5.xlarge", "us-east-1a", -1)),
            "capacity must be >= 0, got -1");
  for (const auto& u : pool.usage()) EXPECT_EQ(u.capacity, 16);
}

TEST(RegionalPool, LoweringBelowInUseDoesNotEvict) {
  RegionalPool pool = make_pool(8);
  const Granted a = granted(pool.allocate("ml.m5.xlarge", 6));
  ASSERT_EQ(a.zone, "us-east-1a");
  ASSERT_TRUE(pool.set_capacity("ml.m5.xlarge", "us-east-1a", 2));
  auto in_a = cell(pool.usage_of("ml.m5.xlarge"), "us-east-1a");
  EXPECT_EQ(in_a.capacity, 2);
  EXPECT_EQ(in_a.in_use, 6);
  EXPECT_EQ(in_a.available, 0);

  // Other zones still serve; zone a stays closed until enough is released.
  EXPECT_EQ(granted(pool.allocate("ml.m5.xlarge", 1)).zone, "us-east-1b");
  ASSERT_TRUE(pool.set_capacity("ml.m5.xlarge", "us-east-1b", 0));
  ASSERT_TRUE(pool.set_capacity("ml.m5.xlarge", "us-east-1c", 0));
  EXPECT_EQ(ice(pool.allocate("ml.m5.xlarge", 1)).largest_free_in_one_zone, 0);

  pool.release(a.lease);
  in_a = cell(pool.usage_of("ml.m5.xlarge"), "us-east-1a");
  EXPECT_EQ(in_a.in_use, 0);
  EXPECT_EQ(in_a.available, 2);
}

TEST(RegionalPool, UsageOfUnknownTypeIsEmpty) {
  const RegionalPool pool = make_pool(16);
  EXPECT_TRUE(pool.usage_of("ml.nope.xlarge").empty());
}

TEST(RegionalPool, ManyTypesZonesAndJobsBalance) {
  std::vector<InstanceSpec> specs;
  for (int i = 0; i < 100; ++i)
    specs.push_back(InstanceSpec{"ml.t" + std::to_string(i) + ".xlarge", "t", 4, 16, 0, 1, 1});
  const std::vector<std::string> zones = {"r-1a", "r-1b", "r-1c", "r-1d", "r-1e", "r-1f"};
  RegionalPool pool(Catalog(specs), "r-1", zones, 10, {});
  std::vector<LeaseId> leases;
  for (int job = 0; job < 1000; ++job) {
    leases.push_back(granted(pool.allocate(specs[job % 100].name, 1)).lease);
  }
  // Ten jobs per type over six zones of ten: spread, never more than two in one zone.
  for (const auto& u : pool.usage()) {
    EXPECT_LE(u.in_use, 2);
  }
  for (LeaseId lease : leases) pool.release(lease);
  for (const auto& u : pool.usage()) EXPECT_EQ(u.in_use, 0);
}

// ---- markets: on-demand and spot ------------------------------------------------------

RegionalPool make_markets(int on_demand, int spot,
                          const std::vector<PoolCapacity>& overrides = {}) {
  return RegionalPool(small_catalog(), "us-east-1", kZones, on_demand, overrides, spot);
}

TEST(RegionalPoolMarkets, SpotStartsAtTheOnDemandDefaultUnlessTold) {
  const RegionalPool same = make_pool(5);
  for (const auto& u : same.usage(CapacityType::Spot)) EXPECT_EQ(u.capacity, 5);
  const RegionalPool own = make_markets(5, 2);
  for (const auto& u : own.usage(CapacityType::Spot)) {
    EXPECT_EQ(u.capacity, 2);
    EXPECT_EQ(u.capacity_type, CapacityType::Spot);
  }
  for (const auto& u : own.usage()) {
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
  for (const auto& u : pool.usage_of("ml.m5.xlarge", CapacityType::Spot)) EXPECT_EQ(u.capacity, 0);
  for (const auto& u : pool.usage_of("ml.m5.xlarge")) EXPECT_EQ(u.capacity, 4);
  const auto one = pool.usage_of("ml.m5.xlarge", "us-east-1b", CapacityType::Spot);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->capacity, 0);
  EXPECT_FALSE(pool.usage_of("ml.m5.xlarge", "us-east-1z", CapacityType::Spot));
  EXPECT_FALSE(pool.usage_of("ml.nope.xlarge", "us-east-1a", CapacityType::Spot));
}

// ---- steps ----------------------------------------------------------------------------

CapacityStep zone_step(StepPhase phase, std::uint64_t id, std::string zone, int capacity) {
  CapacityStep s;
  s.zone = std::move(zone);
  s.capacity = capacity;
  s.capacity_type = std::nullopt;
  s.phase = phase;
  s.override_id = id;
  return s;
}

CapacityStep type_step(StepPhase phase, std::uint64_t id, std::string type, int capacity) {
  CapacityStep s;
  s.instance_type = std::move(type);
  s.capacity = capacity;
  s.phase = phase;
  s.override_id = id;
  return s;
}

TEST(RegionalPoolSteps, WholeZoneOutageTakesEveryTypeAndBothMarketsAndGivesThemBack) {
  PoolCapacity spot_a{"ml.g5.xlarge", "us-east-1a", 3};
  spot_a.capacity_type = CapacityType::Spot;
  RegionalPool pool = make_markets(16, 8, {{"ml.m5.xlarge", "us-east-1a", 5}, spot_a});
  ASSERT_TRUE(pool.apply(zone_step(StepPhase::Begin, 1, "us-east-1a", 0)));
  for (CapacityType market : kCapacityTypes) {
    for (const auto& u : pool.usage(market)) {
      EXPECT_EQ(u.capacity, u.zone == "us-east-1a" ? 0 : (market == CapacityType::Spot ? 8 : 16))
          << u.instance_type << " " << u.zone;
    }
  }
  EXPECT_EQ(granted(pool.allocate("ml.m4.xlarge", 16)).zone, "us-east-1b");

  ASSERT_TRUE(pool.apply(zone_step(StepPhase::End, 1, "us-east-1a", 0)));
  EXPECT_EQ(cell(pool.usage_of("ml.m5.xlarge"), "us-east-1a").capacity, 5);
  EXPECT_EQ(cell(pool.usage_of("ml.g5.xlarge", CapacityType::Spot), "us-east-1a").capacity, 3);
  EXPECT_EQ(cell(pool.usage_of("ml.g5.xlarge"), "us-east-1a").capacity, 16);
  EXPECT_EQ(cell(pool.usage_of("ml.m4.xlarge", CapacityType::Spot), "us-east-1a").capacity, 8);
}

TEST(RegionalPoolSteps, OutageDoesNotEvict) {
  RegionalPool pool = make_pool(4);
  const Granted held = granted(pool.allocate("ml.m5.xlarge", 3));
  ASSERT_EQ(held.zone, "us-east-1a");
  ASSERT_TRUE(pool.apply(zone_step(StepPhase::Begin, 1, "us-east-1a", 0)));
  auto a = cell(pool.usage_of("ml.m5.xlarge"), "us-east-1a");
  EXPECT_EQ(a.capacity, 0);
  EXPECT_EQ(a.in_use, 3);
  EXPECT_EQ(a.available, 0);
  pool.release(held.lease);
  ASSERT_TRUE(pool.apply(zone_step(StepPhase::End, 1, "us-east-1a", 0)));
  EXPECT_EQ(cell(pool.usage_of("ml.m5.xlarge"), "us-east-1a").available, 4);
}

TEST(RegionalPoolSteps, ASetDuringATimedStepShowsWhenItEnds) {
  RegionalPool pool = make_pool(16);
  ASSERT_TRUE(pool.apply(type_step(StepPhase::Begin, 7, "ml.m5.xlarge", 0)));
  ASSERT_TRUE(pool.apply(type_step(StepPhase::Set, 0, "ml.m5.xlarge", 9)));
  for (const auto& u : pool.usage_of("ml.m5.xlarge")) EXPECT_EQ(u.capacity, 0);
  EXPECT_TRUE(pool.set_capacity("ml.m5.xlarge", "us-east-1c", 2));
  for (const auto& u : pool.usage_of("ml.m5.xlarge")) EXPECT_EQ(u.capacity, 0);
  ASSERT_TRUE(pool.apply(type_step(StepPhase::End, 7, "ml.m5.xlarge", 0)));
  const auto m5 = pool.usage_of("ml.m5.xlarge");
  EXPECT_EQ(cell(m5, "us-east-1a").capacity, 9);
  EXPECT_EQ(cell(m5, "us-east-1c").capacity, 2);
}

TEST(RegionalPoolSteps, OverlappingTimedStepsLatestWinsAndEachEndsOnItsOwn) {
  RegionalPool pool = make_pool(16);
  ASSERT_TRUE(pool.apply(zone_step(StepPhase::Begin, 1, "us-east-1a", 0)));    // zone a down
  ASSERT_TRUE(pool.apply(type_step(StepPhase::Begin, 2, "ml.m5.xlarge", 3)));  // m5 at 3 everywhere
  EXPECT_EQ(cell(pool.usage_of("ml.m5.xlarge"), "us-east-1a").capacity, 3);
  EXPECT_EQ(cell(pool.usage_of("ml.m4.xlarge"), "us-east-1a").capacity, 0);
  ASSERT_TRUE(pool.apply(zone_step(StepPhase::End, 1, "us-east-1a", 0)));  // ends first: m5 keeps 3
  EXPECT_EQ(cell(pool.usage_of("ml.m5.xlarge"), "us-east-1a").capacity, 3);
  EXPECT_EQ(cell(pool.usage_of("ml.m4.xlarge"), "us-east-1a").capacity, 16);
  ASSERT_TRUE(pool.apply(type_step(StepPhase::End, 2, "ml.m5.xlarge", 3)));
  for (const auto& u : pool.usage()) EXPECT_EQ(u.capacity, 16);
}

TEST(RegionalPoolSteps, AnEndWithoutItsBeginIsIgnored) {
  RegionalPool pool = make_pool(16);
  EXPECT_TRUE(pool.apply(type_step(StepPhase::End, 42, "ml.m5.xlarge", 0)));
  for (const auto& u : pool.usage()) EXPECT_EQ(u.capacity, 16);
}

TEST(RegionalPoolSteps, StepOfOneMarketLeavesTheOther) {
  RegionalPool pool = make_pool(16);
  CapacityStep spot_only = type_step(StepPhase::Set, 0, "ml.g5.xlarge", 1);
  spot_only.capacity_type = CapacityType::Spot;
  ASSERT_TRUE(pool.apply(spot_only));
  for (const auto& u : pool.usage_of("ml.g5.xlarge", CapacityType::Spot)) EXPECT_EQ(u.capacity, 1);
  for (const auto& u : pool.usage_of("ml.g5.xlarge")) EXPECT_EQ(u.capacity, 16);
}

TEST(RegionalPoolSteps, BadStepsAreRejectedAndChangeNothing) {
  RegionalPool pool = make_pool(16);
  EXPECT_EQ(test_support::error_text(pool.apply(type_step(StepPhase::Set, 0, "ml.nope.xlarge", 1))),
            "unknown instance type 'ml.nope.xlarge'");
  EXPECT_EQ(test_support::error_text(pool.apply(zone_step(StepPhase::Begin, 1, "us-west-2a", 0))),
            "unknown availability zone 'us-west-2a' in region 'us-east-1'");
  EXPECT_EQ(test_support::error_text(pool.apply(zone_step(StepPhase::Set, 0, "us-east-1a", -2))),
            "capacity must be >= 0, got -2");
  EXPECT_EQ(test_support::error_text(pool.set_capacity("", std::nullopt, 1)), "unknown instance type ''");
  for (const auto& u : pool.usage()) EXPECT_EQ(u.capacity, 16);
}

// ---- demand ---------------------------------------------------------------------------

TEST(RegionalPoolDemand, DemandTakesFromAvailableButNeverFromLeases) {
  RegionalPool pool = make_pool(8);
  const Granted held = granted(pool.allocate("ml.m5.xlarge", 6));
  ASSERT_EQ(held.zone, "us-east-1a");
  ASSERT_TRUE(pool.set_demand_utilization("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, 0.25));
  auto a = cell(pool.usage_of("ml.m5.xlarge"), "us-east-1a");
  EXPECT_EQ(a.demand, 2);
  EXPECT_EQ(a.in_use, 6);
  EXPECT_EQ(a.available, 0);

  ASSERT_TRUE(pool.set_demand_utilization("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, 1.0));
  a = cell(pool.usage_of("ml.m5.xlarge"), "us-east-1a");
  EXPECT_EQ(a.demand, 8);
  EXPECT_EQ(a.in_use, 6);  // the lease stays
  EXPECT_EQ(a.available, 0);
  pool.release(held.lease);
  EXPECT_EQ(cell(pool.usage_of("ml.m5.xlarge"), "us-east-1a").available, 0);
}

TEST(RegionalPoolDemand, DemandSteersTheZoneChoice) {
  RegionalPool pool = make_pool(10);
  pool.set_demand_utilization("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, 0.5);
  pool.set_demand_utilization("ml.m5.xlarge", "us-east-1b", CapacityType::OnDemand, 0.2);
  EXPECT_EQ(granted(pool.allocate("ml.m5.xlarge", 1)).zone, "us-east-1c");
  pool.set_demand_utilization("ml.m5.xlarge", "us-east-1c", CapacityType::OnDemand, 0.9);
  EXPECT_EQ(granted(pool.allocate("ml.m5.xlarge", 8)).zone, "us-east-1b");
  const InsufficientCapacity i = ice(pool.allocate("ml.m5.xlarge", 6));
  EXPECT_EQ(i.largest_free_in_one_zone, 5);
  EXPECT_EQ(i.refused_zones, kZones);  // most free first, ties in zone order
}

TEST(RegionalPoolDemand, DemandScalesWithCapacityAndStaysWithinIt) {
  RegionalPool pool = make_pool(10);
  std::vector<double> shares(pool.keys().size(), 0.7);
  pool.set_demand_utilization(shares);
  for (const auto& u : pool.usage(CapacityType::Spot)) EXPECT_EQ(u.demand, 7);
  ASSERT_TRUE(pool.apply(zone_step(StepPhase::Begin, 1, "us-east-1b", 0)));
  for (const auto& u : pool.usage()) {
    EXPECT_EQ(u.demand, u.zone == "us-east-1b" ? 0 : 7);
    EXPECT_LE(u.demand, u.capacity);
  }
  shares.assign(shares.size(), 5.0);  // clamped to 1
  pool.set_demand_utilization(shares);
  for (const auto& u : pool.usage()) EXPECT_EQ(u.demand, u.capacity);
}

TEST(RegionalPoolDemand, SetDemandRejectsBadInput) {
  RegionalPool pool = make_pool(10);
  EXPECT_EQ(test_support::error_text(
                pool.set_demand_utilization("ml.nope.xlarge", "us-east-1a", CapacityType::OnDemand, 0.1)),
            "unknown instance type 'ml.nope.xlarge'");
  EXPECT_EQ(
      test_support::error_text(pool.set_demand_utilization("ml.m5.xlarge", "us-east-1q", CapacityType::OnDemand, 0.1)),
      "unknown availability zone 'us-east-1q' in region 'us-east-1'");
  EXPECT_EQ(
      test_support::error_text(pool.set_demand_utilization("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, 1.5)),
      "utilization must be within [0, 1]");
}

}  // namespace
}  // namespace capacity_model
