#include "capacity_model/demand.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "capacity_model/pool.h"
#include "tests/support/nonempty.h"

namespace capacity_model {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

std::vector<PoolKey> one_pool() {
  return {PoolKey{"ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand}};
}

DemandSettings settings(double target, double volatility, Millis half_life = hours(1),
                        Millis step = minutes(5)) {
  DemandSettings s;
  s.enabled = true;
  s.step = step;
  s.profile.target_utilization = target;
  s.profile.volatility = volatility;
  s.profile.half_life = half_life;
  return s;
}

RegionalPool make_pool(int per_zone) {
  return RegionalPool(Catalog({InstanceSpec{"ml.m5.xlarge", "m5", 4, 16, 0, 0.23, 1.0},
                               InstanceSpec{"ml.p3.2xlarge", "p3", 8, 61, 1, 3.825, 6.0}}),
                      "us-east-1", {"us-east-1a", "us-east-1b", "us-east-1c"}, per_zone, {});
}

TEST(BackgroundDemand, DisabledReportsNothingAndDrawsNothing) {
  BackgroundDemand demand(DemandSettings{}, one_pool());
  std::mt19937_64 rng(1);
  const std::mt19937_64 before = rng;
  EXPECT_FALSE(demand.enabled());
  EXPECT_EQ(demand.next_change_after(Millis{0}), std::nullopt);
  EXPECT_EQ(demand.advance_to(hours(24), rng), 0);
  EXPECT_EQ(demand.utilization(), std::vector<double>{0.0});
  EXPECT_EQ(rng, before);
}

TEST(BackgroundDemand, StepsAtMultiplesOfTheStep) {
  BackgroundDemand demand(settings(0.5, 0.1), one_pool());
  EXPECT_EQ(demand.next_change_after(Millis{-1}), minutes(5));
  EXPECT_EQ(demand.next_change_after(Millis{0}), minutes(5));
  EXPECT_EQ(demand.next_change_after(Millis{299999}), minutes(5));
  EXPECT_EQ(demand.next_change_after(minutes(5)), minutes(10));
  std::mt19937_64 rng(1);
  EXPECT_EQ(demand.advance_to(Millis{299999}, rng), 0);
  EXPECT_EQ(demand.advance_to(minutes(5), rng), 1);
  EXPECT_EQ(demand.advance_to(minutes(5), rng), 0);
  EXPECT_EQ(demand.advance_to(minutes(20), rng), 3);
  EXPECT_EQ(demand.last_step(), minutes(20));
}

TEST(BackgroundDemand, StartsOnTheTarget) {
  const BackgroundDemand demand(settings(0.3, 0.1), one_pool());
  EXPECT_DOUBLE_EQ(demand.utilization()[0], 0.3);
}

TEST(BackgroundDemand, SameSeedSameDemandHoweverTheCallsAreBatched) {
  const RegionalPool pool = make_pool(10);
  BackgroundDemand stepwise(settings(0.5, 0.2), pool.keys());
  BackgroundDemand batched(settings(0.5, 0.2), pool.keys());
  BackgroundDemand other_seed(settings(0.5, 0.2), pool.keys());
  std::mt19937_64 a(42), b(42), c(43);
  for (auto t = minutes(5); t <= hours(24); t += minutes(5)) stepwise.advance_to(t, a);
  batched.advance_to(hours(24), b);
  other_seed.advance_to(hours(24), c);
  EXPECT_EQ(stepwise.utilization(), batched.utilization());
  EXPECT_NE(stepwise.utilization(), other_seed.utilization());
}

TEST(BackgroundDemand, StaysWithinCapacityInThePool) {
  RegionalPool pool = make_pool(7);
  BackgroundDemand demand(settings(0.5, 0.6, minutes(30)), pool.keys());
  std::mt19937_64 rng(3);
  bool saw_empty = false, saw_full = false;
  for (auto t = minutes(5); t <= hours(72); t += minutes(5)) {
    demand.advance_to(t, rng);
    demand.apply_to(pool);
    for (CapacityType market : kCapacityTypes) {
      for (const auto& u : test_support::nonempty(pool.usage(market))) {
        ASSERT_GE(u.demand, 0);
        ASSERT_LE(u.demand, u.capacity);
        ASSERT_GE(u.available, 0);
        saw_empty |= u.demand == 0;
        saw_full |= u.demand == u.capacity;
      }
    }
    for (double share : demand.utilization()) {
      ASSERT_GE(share, 0.0);
      ASSERT_LE(share, 1.0);
    }
  }
  EXPECT_TRUE(saw_empty);  // the bounds were reached, not just respected by luck
  EXPECT_TRUE(saw_full);
}

TEST(BackgroundDemand, LongRunMeanAndSpreadMatchTheSettings) {
  BackgroundDemand demand(settings(0.4, 0.1), one_pool());
  std::mt19937_64 rng(2025);
  double sum = 0, sum_sq = 0;
  int n = 0;
  for (auto t = minutes(5); t <= hours(24 * 2000); t += minutes(5)) {
    demand.advance_to(t, rng);
    const double u = demand.utilization()[0];
    sum += u;
    sum_sq += u * u;
    ++n;
  }
  const double mean = sum / n;
  const double sd = std::sqrt(sum_sq / n - mean * mean);
  EXPECT_NEAR(mean, 0.4, 0.01);
  EXPECT_NEAR(sd, 0.1, 0.01);
}

TEST(BackgroundDemand, ADeviationHalvesEveryHalfLife) {
  BackgroundDemand demand(settings(0.5, 0.0, hours(1)), one_pool());
  demand.set_utilization(0, 0.9);
  std::mt19937_64 rng(1);
  const std::mt19937_64 before = rng;
  demand.advance_to(hours(1), rng);
  EXPECT_NEAR(demand.utilization()[0], 0.7, 1e-12);
  demand.advance_to(hours(2), rng);
  EXPECT_NEAR(demand.utilization()[0], 0.6, 1e-12);
  EXPECT_EQ(rng, before);  // no noise, no draws
}

TEST(BackgroundDemand, DailyCyclePeaksAtThePeakHour) {
  DemandSettings s = settings(0.5, 0.0, minutes(1), minutes(5));
  s.profile.daily = DailyCycle{0.3, 15};
  BackgroundDemand demand(s, one_pool());
  EXPECT_NEAR(demand.target(0, hours(15)), 0.8, 1e-12);
  EXPECT_NEAR(demand.target(0, hours(3)), 0.2, 1e-12);
  EXPECT_NEAR(demand.target(0, hours(9)), 0.5, 1e-12);
  EXPECT_NEAR(demand.target(0, hours(15 + 24)), 0.8, 1e-12);
  std::mt19937_64 rng(1);
  demand.advance_to(hours(15), rng);  // a 1-minute half-life tracks the target closely
  EXPECT_NEAR(demand.utilization()[0], 0.8, 1e-3);
}

TEST(BackgroundDemand, TargetIsKeptWithinZeroAndOne) {
  DemandSettings s = settings(0.9, 0.0);
  s.profile.daily = DailyCycle{0.5, 12};
  const BackgroundDemand demand(s, one_pool());
  EXPECT_DOUBLE_EQ(demand.target(0, hours(12)), 1.0);
}

TEST(BackgroundDemand, PerTypeProfiles) {
  DemandSettings s = settings(0.1, 0.0);
  DemandProfile p3 = s.profile;
  p3.target_utilization = 0.75;
  s.instance_types.emplace("ml.p3.2xlarge", p3);
  RegionalPool pool = make_pool(8);
  const BackgroundDemand demand(s, pool.keys());
  demand.apply_to(pool);
  for (const auto& u : test_support::nonempty(pool.usage_of("ml.p3.2xlarge", CapacityType::Spot)))
    EXPECT_EQ(u.demand, 6);
  for (const auto& u : test_support::nonempty(pool.usage_of("ml.m5.xlarge"))) EXPECT_EQ(u.demand, 1);
}

}  // namespace
}  // namespace capacity_model
