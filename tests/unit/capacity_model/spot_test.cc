#include "capacity_model/spot.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <random>
#include <string>

namespace capacity_model {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr double kMillisPerHour = 3.6e6;

SpotSettings with_type(std::string type, SpotTypeSettings settings) {
  SpotSettings s;
  s.instance_types.emplace(std::move(type), settings);
  return s;
}

TEST(InterruptionFrequency, BucketsAreSpelledAsTheAdvisorDoes) {
  for (const char* name : {"<5%", "5-10%", "10-15%", "15-20%", ">20%"}) {
    const auto bucket = interruption_frequency_from(name);
    ASSERT_TRUE(bucket) << name;
    EXPECT_EQ(to_string(*bucket), name);
  }
  EXPECT_EQ(interruption_frequency_from("<5"), std::nullopt);
  EXPECT_EQ(interruption_frequency_from("20%+"), std::nullopt);
}

TEST(InterruptionFrequency, HazardComesFromTheBucketMidpoint) {
  EXPECT_DOUBLE_EQ(monthly_interruption_share(InterruptionFrequency::Under5Percent), 0.025);
  EXPECT_DOUBLE_EQ(monthly_interruption_share(InterruptionFrequency::From5To10Percent), 0.075);
  EXPECT_DOUBLE_EQ(monthly_interruption_share(InterruptionFrequency::From10To15Percent), 0.125);
  EXPECT_DOUBLE_EQ(monthly_interruption_share(InterruptionFrequency::From15To20Percent), 0.175);
  EXPECT_DOUBLE_EQ(monthly_interruption_share(InterruptionFrequency::Over20Percent), 0.25);
  for (auto bucket :
       {InterruptionFrequency::Under5Percent, InterruptionFrequency::From10To15Percent,
        InterruptionFrequency::Over20Percent}) {
    EXPECT_NEAR(1 - std::exp(-kHoursPerMonth * hazard_per_hour(bucket)),
                monthly_interruption_share(bucket), 1e-12);
  }
}

TEST(SpotInterruptions, TypeSettingsOverrideTheDefaultBucket) {
  SpotSettings s = with_type("ml.p3.2xlarge",
                             SpotTypeSettings{InterruptionFrequency::Over20Percent, std::nullopt});
  s.instance_types.emplace("ml.g5.xlarge",
                           SpotTypeSettings{InterruptionFrequency::Over20Percent, 0.5});
  s.default_frequency = InterruptionFrequency::From5To10Percent;
  const SpotInterruptions spot(s);
  EXPECT_DOUBLE_EQ(spot.base_hazard_per_hour("ml.m5.xlarge"),
                   hazard_per_hour(InterruptionFrequency::From5To10Percent));
  EXPECT_DOUBLE_EQ(spot.base_hazard_per_hour("ml.p3.2xlarge"),
                   hazard_per_hour(InterruptionFrequency::Over20Percent));
  EXPECT_DOUBLE_EQ(spot.base_hazard_per_hour("ml.g5.xlarge"), 0.5);  // the hazard wins
}

TEST(SpotInterruptions, StormsMultiplyInTheirWindowTypesAndZones) {
  SpotSettings s = with_type("ml.p3.2xlarge", SpotTypeSettings{std::nullopt, 0.01});
  s.storms.push_back(SpotStorm{hours(1), hours(1), 20, {"ml.p3.2xlarge"}, {"us-east-1a"}});
  s.storms.push_back(SpotStorm{hours(1) + minutes(30), hours(1), 3, {}, {}});
  const SpotInterruptions spot(s);
  EXPECT_DOUBLE_EQ(spot.hazard_per_hour("ml.p3.2xlarge", "us-east-1a", hours(1) - Millis{1}), 0.01);
  EXPECT_DOUBLE_EQ(spot.hazard_per_hour("ml.p3.2xlarge", "us-east-1a", hours(1)), 0.2);
  EXPECT_DOUBLE_EQ(spot.hazard_per_hour("ml.p3.2xlarge", "us-east-1b", hours(1)), 0.01);
  EXPECT_DOUBLE_EQ(spot.hazard_per_hour("ml.p3.2xlarge", "us-east-1a", hours(1) + minutes(30)),
                   0.6);
  EXPECT_DOUBLE_EQ(spot.hazard_per_hour("ml.p3.2xlarge", "us-east-1a", hours(2)), 0.03);
  EXPECT_DOUBLE_EQ(spot.hazard_per_hour("ml.p3.2xlarge", "us-east-1a", hours(2) + minutes(30)),
                   0.01);
}

TEST(SpotInterruptions, NoHazardNoInterruption) {
  const SpotInterruptions spot(with_type("ml.m5.xlarge", SpotTypeSettings{std::nullopt, 0.0}));
  std::mt19937_64 rng(1);
  EXPECT_EQ(spot.next_interruption("ml.m5.xlarge", "us-east-1a", Millis{0}, rng), std::nullopt);
}

TEST(SpotInterruptions, OverTwentyPercentBucketInterruptsAQuarterWithinAMonth) {
  const SpotInterruptions spot(with_type(
      "ml.p3.2xlarge", SpotTypeSettings{InterruptionFrequency::Over20Percent, std::nullopt}));
  std::mt19937_64 rng(77);
  const Millis from = hours(5);
  const Millis month = hours(730);
  int within = 0;
  for (int i = 0; i < 10000; ++i) {
    const auto t = spot.next_interruption("ml.p3.2xlarge", "us-east-1a", from, rng);
    ASSERT_TRUE(t);
    ASSERT_GT(*t, from);
    within += *t <= from + month;
  }
  // Binomial(10000, 0.25): sd 43, ±200 is over four sd.
  EXPECT_GE(within, 2300);
  EXPECT_LE(within, 2700);
}

TEST(SpotInterruptions, MeanWaitIsOneOverTheHazardAndScalesWithInstances) {
  const SpotInterruptions spot(with_type("ml.g5.xlarge", SpotTypeSettings{std::nullopt, 1.0}));
  std::mt19937_64 rng(8);
  auto mean_hours = [&](int instances) {
    double sum = 0;
    for (int i = 0; i < 10000; ++i) {
      sum += static_cast<double>(
          spot.next_interruption("ml.g5.xlarge", "us-east-1a", Millis{0}, rng, instances)->count());
    }
    return sum / 10000 / kMillisPerHour;
  };
  EXPECT_NEAR(mean_hours(1), 1.0, 0.04);   // sd of the mean 0.01
  EXPECT_NEAR(mean_hours(4), 0.25, 0.01);  // any of four interrupts the job
}

TEST(SpotInterruptions, AStormConcentratesInterruptionsInItsWindow) {
  SpotSettings s = with_type("ml.p3.2xlarge", SpotTypeSettings{std::nullopt, 0.001});
  s.storms.push_back(SpotStorm{hours(10), hours(1), 1000, {}, {}});
  const SpotInterruptions spot(s);
  std::mt19937_64 rng(12);
  int before = 0, during = 0;
  for (int i = 0; i < 10000; ++i) {
    const Millis t = *spot.next_interruption("ml.p3.2xlarge", "us-east-1a", Millis{0}, rng);
    before += t <= hours(10);
    during += t > hours(10) && t <= hours(11);
  }
  // P(before) = 1 - e^-0.01 ≈ 0.00995; P(during) = e^-0.01 (1 - e^-1) ≈ 0.6258.
  EXPECT_NEAR(before / 10000.0, 0.00995, 0.004);
  EXPECT_NEAR(during / 10000.0, 0.6258, 0.02);
}

TEST(SpotInterruptions, SameSeedSameTimesAndOneDrawEach) {
  const SpotInterruptions spot;
  std::mt19937_64 a(4), b(4);
  for (int i = 0; i < 50; ++i) {
    const auto first = spot.next_interruption("ml.m5.xlarge", "us-east-1a", Millis{0}, a);
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first, spot.next_interruption("ml.m5.xlarge", "us-east-1a", Millis{0}, b));
  }
  std::mt19937_64 c(4);
  c.discard(50);
  EXPECT_EQ(a, c);
}

TEST(SpotInterruptions, StormAddedLaterCountsForLaterDraws) {
  SpotInterruptions spot(with_type("ml.m5.xlarge", SpotTypeSettings{std::nullopt, 0.01}));
  spot.add_storm(SpotStorm{hours(1), hours(1), 1000, {}, {}});
  ASSERT_EQ(spot.storms().size(), 1u);
  std::mt19937_64 rng(1);
  int in_storm = 0;
  for (int i = 0; i < 100; ++i) {
    const Millis t = *spot.next_interruption("ml.m5.xlarge", "us-east-1a", Millis{0}, rng);
    in_storm += t > hours(1) && t <= hours(2);
  }
  EXPECT_GE(in_storm, 90);  // P = e^-0.01 (1 - e^-10) ≈ 0.99
}

}  // namespace
}  // namespace capacity_model
