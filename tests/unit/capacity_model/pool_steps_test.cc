#include <gtest/gtest.h>

#include "capacity_model/pool.h"
#include "tests/support/nonempty.h"
#include "tests/support/status.h"
#include "tests/unit/capacity_model/pool_test_support.h"

namespace capacity_model {
namespace {

using namespace pool_test;

TEST(RegionalPoolSteps, WholeZoneOutageTakesEveryTypeAndBothMarketsAndGivesThemBack) {
  PoolCapacity spot_a{"ml.g5.xlarge", "us-east-1a", 3};
  spot_a.capacity_type = CapacityType::Spot;
  RegionalPool pool = make_markets(16, 8, {{"ml.m5.xlarge", "us-east-1a", 5}, spot_a});
  ASSERT_TRUE(pool.apply(zone_step(StepPhase::Begin, 1, "us-east-1a", 0)));
  for (CapacityType market : kCapacityTypes) {
    for (const auto& u : test_support::nonempty(pool.usage(market))) {
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
  for (const auto& u : test_support::nonempty(pool.usage_of("ml.m5.xlarge"))) EXPECT_EQ(u.capacity, 0);
  EXPECT_TRUE(pool.set_capacity("ml.m5.xlarge", "us-east-1c", 2));
  for (const auto& u : test_support::nonempty(pool.usage_of("ml.m5.xlarge"))) EXPECT_EQ(u.capacity, 0);
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
  for (const auto& u : test_support::nonempty(pool.usage())) EXPECT_EQ(u.capacity, 16);
}

TEST(RegionalPoolSteps, AnEndWithoutItsBeginIsIgnored) {
  RegionalPool pool = make_pool(16);
  EXPECT_TRUE(pool.apply(type_step(StepPhase::End, 42, "ml.m5.xlarge", 0)));
  for (const auto& u : test_support::nonempty(pool.usage())) EXPECT_EQ(u.capacity, 16);
}

TEST(RegionalPoolSteps, StepOfOneMarketLeavesTheOther) {
  RegionalPool pool = make_pool(16);
  CapacityStep spot_only = type_step(StepPhase::Set, 0, "ml.g5.xlarge", 1);
  spot_only.capacity_type = CapacityType::Spot;
  ASSERT_TRUE(pool.apply(spot_only));
  for (const auto& u : test_support::nonempty(pool.usage_of("ml.g5.xlarge", CapacityType::Spot)))
    EXPECT_EQ(u.capacity, 1);
  for (const auto& u : test_support::nonempty(pool.usage_of("ml.g5.xlarge"))) EXPECT_EQ(u.capacity, 16);
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
  for (const auto& u : test_support::nonempty(pool.usage())) EXPECT_EQ(u.capacity, 16);
}

}  // namespace
}  // namespace capacity_model
