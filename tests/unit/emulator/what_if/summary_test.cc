#include "emulator/what_if/summary.h"

#include <gtest/gtest.h>

namespace emulator::what_if {
namespace {

RunRecord run(std::uint64_t seed, std::string status, double minutes, double cost) {
  RunRecord r;
  r.seed = seed;
  r.status = std::move(status);
  r.duration_seconds = minutes * 60;
  r.cost = cost;
  return r;
}

TEST(Summary, CountsOutcomesAndCompletion) {
  auto a = run(0, "Completed", 10, 1.0), b = run(1, "Failed", 12, 0.5), c = run(2, "Completed", 8, 2.0);
  const auto s = summarize({a, b, c});
  EXPECT_EQ(s.runs, 3);
  EXPECT_EQ(s.completed, 2);
  EXPECT_DOUBLE_EQ(s.completion.rate, 2.0 / 3);
  EXPECT_EQ(s.completion.low, wilson_interval(2, 3).low);
  EXPECT_EQ(s.outcomes.at("Completed"), 2);
  EXPECT_EQ(s.outcomes.at("Failed"), 1);
  EXPECT_EQ(s.duration_seconds.min, 480);
  EXPECT_EQ(s.cost.max, 2.0);
  EXPECT_FALSE(s.best_objective);
}

TEST(Summary, SharesChildrenPerTypeOverEveryChild) {
  auto a = run(0, "Completed", 10, 1), b = run(1, "Failed", 10, 1);
  a.children = 10;
  a.children_by_type = {{"ml.m5.4xlarge", 6}, {"ml.m4.xlarge", 4}};
  b.children = 10;  // none got instances
  b.failed_children = 10;
  b.ice_by_type = {{"ml.m4.xlarge", 7}};
  a.fallbacks_by_type = {{"ml.m5.4xlarge", 6}};
  const auto s = summarize({a, b});
  EXPECT_EQ(s.children, 20);
  EXPECT_EQ(s.failed_children, 10);
  EXPECT_DOUBLE_EQ(s.child_share_by_type.at("ml.m5.4xlarge"), 0.3);
  EXPECT_DOUBLE_EQ(s.child_share_by_type.at("ml.m4.xlarge"), 0.2);
  EXPECT_EQ(s.ice_answers, 7);
  EXPECT_EQ(s.fallbacks_by_type.at("ml.m5.4xlarge"), 6);
}

// Shards hand their runs over in any order; the summary must not depend on it, to the bit.
TEST(Summary, DoesNotDependOnTheOrderOfRuns) {
  std::vector<RunRecord> runs;
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    auto r = run(seed, seed % 7 ? "Completed" : "Failed", 0.1 * double(seed * 37 % 50), 0.01 * double(seed * 13 % 50));
    r.best_objective = 1.0 / double(seed + 3);
    runs.push_back(r);
  }
  auto shuffled = runs;
  std::reverse(shuffled.begin(), shuffled.end());
  std::rotate(shuffled.begin(), shuffled.begin() + 17, shuffled.end());
  const auto a = summarize(runs), b = summarize(shuffled);
  EXPECT_EQ(a.cost, b.cost);  // bitwise: mean sums in seed order
  EXPECT_EQ(a.duration_seconds, b.duration_seconds);
  EXPECT_EQ(*a.best_objective, *b.best_objective);
}

}  // namespace
}  // namespace emulator::what_if
