#include <gtest/gtest.h>

#include "capacity_model/pool.h"
#include "tests/support/nonempty.h"
#include "tests/support/status.h"
#include "tests/unit/capacity_model/pool_test_support.h"

namespace capacity_model {
namespace {

using namespace pool_test;

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
  ASSERT_TRUE(pool.set_demand_utilization("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, 0.5));
  ASSERT_TRUE(pool.set_demand_utilization("ml.m5.xlarge", "us-east-1b", CapacityType::OnDemand, 0.2));
  EXPECT_EQ(granted(pool.allocate("ml.m5.xlarge", 1)).zone, "us-east-1c");
  ASSERT_TRUE(pool.set_demand_utilization("ml.m5.xlarge", "us-east-1c", CapacityType::OnDemand, 0.9));
  EXPECT_EQ(granted(pool.allocate("ml.m5.xlarge", 8)).zone, "us-east-1b");
  const InsufficientCapacity i = ice(pool.allocate("ml.m5.xlarge", 6));
  EXPECT_EQ(i.largest_free_in_one_zone, 5);
  EXPECT_EQ(i.refused_zones, kZones);  // most free first, ties in zone order
}

TEST(RegionalPoolDemand, DemandScalesWithCapacityAndStaysWithinIt) {
  RegionalPool pool = make_pool(10);
  std::vector<double> shares(pool.keys().size(), 0.7);
  pool.set_demand_utilization(shares);
  for (const auto& u : test_support::nonempty(pool.usage(CapacityType::Spot))) EXPECT_EQ(u.demand, 7);
  ASSERT_TRUE(pool.apply(zone_step(StepPhase::Begin, 1, "us-east-1b", 0)));
  for (const auto& u : test_support::nonempty(pool.usage())) {
    EXPECT_EQ(u.demand, u.zone == "us-east-1b" ? 0 : 7);
    EXPECT_LE(u.demand, u.capacity);
  }
  shares.assign(shares.size(), 5.0);  // clamped to 1
  pool.set_demand_utilization(shares);
  for (const auto& u : test_support::nonempty(pool.usage())) EXPECT_EQ(u.demand, u.capacity);
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
