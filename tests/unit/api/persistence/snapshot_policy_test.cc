#include "api/persistence/snapshot_policy.h"

#include <gtest/gtest.h>

namespace api::persistence {
namespace {

constexpr std::size_t kWeight = 100'000;  // foretold at 2 µs each: 0.2 s to make, 0.4 s to load

TEST(SnapshotPolicy, NeverWithZeroRecords) {
  const SnapshotPolicy never(0);
  EXPECT_FALSE(never.due(1'000'000));
}

TEST(SnapshotPolicy, WaitsForTheRecordsAndForAReplaySlowerThanTheForetoldLoad) {
  const SnapshotPolicy policy(100);
  EXPECT_FALSE(policy.due(99));
  EXPECT_TRUE(policy.due(100));
  EXPECT_FALSE(policy.worth_trying(0.39, kWeight));
  EXPECT_TRUE(policy.worth_trying(0.4, kWeight));
}

TEST(SnapshotPolicy, ASnapshotSlowerToLoadThanTheReplayIsDroppedAndForetellsTheNext) {
  SnapshotPolicy policy(10);
  // Made in 1 s (10 µs a unit), so about 2 s to load: 1.5 s of replay is quicker.
  policy.made(1.0, kWeight);
  EXPECT_FALSE(SnapshotPolicy::pays(1.0, 1.5));
  EXPECT_FALSE(policy.worth_trying(1.9, kWeight));  // not tried again before the replay costs its load
  EXPECT_TRUE(policy.worth_trying(2.0, kWeight));
  EXPECT_FALSE(policy.worth_trying(2.0, 2 * kWeight));  // a world grown twice as big costs twice
  EXPECT_TRUE(SnapshotPolicy::pays(1.0, 2.0));
}

TEST(SnapshotPolicy, ACheapSnapshotOfAnExpensiveReplayIsWritten) {
  SnapshotPolicy policy(10);
  EXPECT_TRUE(policy.worth_trying(2.4, kWeight / 10));  // Bayesian search: replay 2.4 s, foretold 0.02 s
  policy.made(0.2, kWeight / 10);
  EXPECT_TRUE(SnapshotPolicy::pays(0.2, 2.4));
  EXPECT_FALSE(policy.worth_trying(0.3, kWeight / 10));  // the next one waits for its load's worth of work
  EXPECT_TRUE(policy.worth_trying(0.4, kWeight / 10));
}

}  // namespace
}  // namespace api::persistence
