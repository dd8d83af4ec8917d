#include "capacity_model/pool.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "tests/support/nonempty.h"
#include "tests/support/status.h"
#include "tests/unit/capacity_model/pool_test_support.h"

namespace capacity_model {
namespace {

using namespace pool_test;

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
  for (const auto& u : test_support::nonempty(pool.usage())) EXPECT_EQ(u.in_use, 0);  // nothing half-granted
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
  for (const auto& u : test_support::nonempty(pool.usage())) EXPECT_EQ(u.available, u.capacity);
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
  for (const auto& u : test_support::nonempty(pool.usage_of("ml.m4.xlarge"))) EXPECT_EQ(u.capacity, 0);
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
  for (const auto& u : test_support::nonempty(pool.usage())) EXPECT_EQ(u.capacity, 16);
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
  for (const auto& u : test_support::nonempty(pool.usage())) {
    EXPECT_LE(u.in_use, 2);
  }
  for (LeaseId lease : leases) pool.release(lease);
  for (const auto& u : test_support::nonempty(pool.usage())) EXPECT_EQ(u.in_use, 0);
}

}  // namespace
}  // namespace capacity_model
