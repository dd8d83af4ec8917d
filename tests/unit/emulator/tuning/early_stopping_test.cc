#include "emulator/tuning/early_stopping.h"

#include <gtest/gtest.h>

namespace emulator::tuning {
namespace {

TEST(MedianStoppingRule, JudgesNobodyUntilThreeEarlierJobsReported) {
  MedianStoppingRule rule;
  EXPECT_TRUE(rule.should_continue("a", 1, 1, 5.0, false));
  EXPECT_TRUE(rule.should_continue("b", 2, 1, 6.0, false));
  EXPECT_TRUE(rule.should_continue("c", 3, 1, 7.0, false));
  // Earlier running averages at epoch 1: 5, 6, 7 → median 6 (minimising).
  EXPECT_FALSE(rule.should_continue("d", 4, 1, 6.5, false));
  EXPECT_TRUE(rule.should_continue("e", 5, 1, 6.0, false));
}

TEST(MedianStoppingRule, UsesRunningAveragesUpToTheSameEpochOfEarlierJobsOnly) {
  MedianStoppingRule rule;
  for (int e = 1; e <= 3; ++e) {
    rule.should_continue("a", 1, e, 10.0 - e, false);  // 9, 8, 7 → averages 9, 8.5, 8
    rule.should_continue("b", 2, e, 12.0 - e, false);  // 11, 10, 9 → 11, 10.5, 10
    rule.should_continue("c", 3, e, 20.0, false);      // 20
  }
  // At epoch 2 the medians of (8.5, 10.5, 20) is 10.5: 10.4 goes on, 10.6 stops.
  EXPECT_TRUE(rule.should_continue("d", 4, 2, 10.4, false));
  EXPECT_FALSE(rule.should_continue("e", 5, 2, 10.6, false));
  // A later job's reports never judge an earlier one: "a" has no earlier jobs.
  EXPECT_TRUE(rule.should_continue("a", 1, 4, 100.0, false));
}

TEST(MedianStoppingRule, MaximisingFlipsTheComparison) {
  MedianStoppingRule rule;
  rule.should_continue("a", 1, 1, 0.6, true);
  rule.should_continue("b", 2, 1, 0.7, true);
  rule.should_continue("c", 3, 1, 0.8, true);
  EXPECT_FALSE(rule.should_continue("d", 4, 1, 0.65, true));
  EXPECT_TRUE(rule.should_continue("e", 5, 1, 0.75, true));
}

TEST(SuccessiveHalving, RungsGrowByTheReductionFactorBelowMaxResource) {
  EXPECT_EQ(SuccessiveHalving(1, 81).rungs(), (std::vector<int>{1, 3, 9, 27}));
  EXPECT_EQ(SuccessiveHalving(2, 20).rungs(), (std::vector<int>{2, 6, 18}));
  EXPECT_TRUE(SuccessiveHalving(10, 10).rungs().empty());
}

TEST(SuccessiveHalving, KeepsOnlyTheBestThirdAtEachRung) {
  SuccessiveHalving halving(1, 27);
  EXPECT_TRUE(halving.should_continue(1, 5.0, false));   // first at the rung
  EXPECT_FALSE(halving.should_continue(1, 6.0, false));  // worse than the best of one
  EXPECT_TRUE(halving.should_continue(1, 4.0, false));
  // Recorded 5, 6, 4: the best third is {4}; 4.5 is not within it, 3.9 is.
  EXPECT_FALSE(halving.should_continue(1, 4.5, false));
  EXPECT_TRUE(halving.should_continue(1, 3.9, false));
  EXPECT_TRUE(halving.should_continue(3, 100.0, false));  // rungs are judged separately
}

TEST(EarlyStoppingHelpers, ReportEpochsSpreadOverTheRun) {
  EXPECT_EQ(report_epochs(5, 100), (std::vector<int>{1, 2, 3, 4, 5}));
  const auto sampled = report_epochs(1000, 100);
  EXPECT_EQ(sampled.size(), 100u);
  EXPECT_EQ(sampled.back(), 1000);
  EXPECT_EQ(sampled.front(), 10);
}

}  // namespace
}  // namespace emulator::tuning
