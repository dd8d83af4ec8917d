#include "emulator/what_if/statistics.h"

#include <gtest/gtest.h>

namespace emulator::what_if {
namespace {

// Reference values: Wilson's formula evaluated by hand (and by statsmodels' proportion_confint
// with method="wilson"), 4 decimals.
TEST(WilsonInterval, MatchesReferenceValues) {
  const auto eight_of_ten = wilson_interval(8, 10);
  EXPECT_DOUBLE_EQ(eight_of_ten.rate, 0.8);
  EXPECT_NEAR(eight_of_ten.low, 0.4902, 1e-4);
  EXPECT_NEAR(eight_of_ten.high, 0.9433, 1e-4);
  const auto half = wilson_interval(50, 100);
  EXPECT_NEAR(half.low, 0.4038, 1e-4);
  EXPECT_NEAR(half.high, 0.5962, 1e-4);
}

TEST(WilsonInterval, DoesNotCollapseAtNoneOrAll) {
  const auto none = wilson_interval(0, 20);
  EXPECT_EQ(none.rate, 0);
  EXPECT_EQ(none.low, 0);
  EXPECT_NEAR(none.high, 0.1611, 1e-4);
  EXPECT_EQ(wilson_interval(0, 1000).low, 0);  // exactly, not 2e-19
  EXPECT_NEAR(wilson_interval(0, 1000).high, 0.003827, 1e-6);
  EXPECT_EQ(wilson_interval(1000, 1000).high, 1);
  const auto all = wilson_interval(20, 20);
  EXPECT_EQ(all.high, 1);
  EXPECT_NEAR(all.low, 0.8389, 1e-4);
}

TEST(WilsonInterval, NarrowsWithMoreRuns) {
  const auto few = wilson_interval(9, 10), many = wilson_interval(900, 1000);
  EXPECT_LT(many.high - many.low, (few.high - few.low) / 5);
}

TEST(WilsonInterval, NoTrialsIsTheWholeRange) {
  const auto nothing = wilson_interval(0, 0);
  EXPECT_EQ(nothing.low, 0);
  EXPECT_EQ(nothing.high, 1);
}

TEST(Percentile, InterpolatesBetweenRanksLikeNumpy) {
  const std::vector<double> sorted{1, 2, 3, 4, 5};
  EXPECT_DOUBLE_EQ(percentile(sorted, 0), 1);
  EXPECT_DOUBLE_EQ(percentile(sorted, 50), 3);
  EXPECT_DOUBLE_EQ(percentile(sorted, 90), 4.6);   // numpy.percentile([1..5], 90)
  EXPECT_DOUBLE_EQ(percentile(sorted, 99), 4.96);  // numpy.percentile([1..5], 99)
  EXPECT_DOUBLE_EQ(percentile(sorted, 100), 5);
  EXPECT_DOUBLE_EQ(percentile({7}, 90), 7);
  EXPECT_DOUBLE_EQ(percentile({}, 50), 0);
}

TEST(Distribution, SortsAndSummarises) {
  const auto d = distribution_of({10, 1, 4, 3, 2});
  EXPECT_EQ(d.min, 1);
  EXPECT_EQ(d.max, 10);
  EXPECT_EQ(d.p50, 3);
  EXPECT_DOUBLE_EQ(d.mean, 4);
  EXPECT_DOUBLE_EQ(d.p90, 7.6);
}

}  // namespace
}  // namespace emulator::what_if
