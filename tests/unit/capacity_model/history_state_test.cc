#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "capacity_model/history.h"
#include "capacity_model/snapshot_error.h"
#include "tests/unit/capacity_model/pool_test_support.h"
#include "tests/unit/capacity_model/snapshot_test_support.h"

namespace capacity_model {
namespace {

using snapshot_test::with;
using namespace pool_test;
using snapshot_test::restore_into;
using std::chrono::seconds;

constexpr std::size_t kMaxSamples = 3;

// Series first made one by one (a pool of another region) and by whole pools, some past the
// limit so samples were dropped.
CapacityHistory busy_history(RegionalPool& pool) {
  CapacityHistory history(kMaxSamples);
  history.record(Millis{0}, "us-west-2", PoolUsage{"ml.g5.xlarge", "us-west-2a", 4, 1, 3, 0, CapacityType::Spot});
  history.record(Millis{0}, pool);
  for (int i = 1; i <= 4; ++i) {
    EXPECT_TRUE(pool.set_capacity("ml.m5.xlarge", "us-east-1a", 8 + i));
    history.record(seconds(i), pool);
  }
  return history;
}

std::string everything(const CapacityHistory& history) { return to_csv(history.series()); }

TEST(CapacityHistoryState, RoundTripsAndRecordsAndPagesTheSame) {
  RegionalPool pool = make_markets(8, 2);
  CapacityHistory original = busy_history(pool);
  ASSERT_GT(original.dropped(), 0u);
  CapacityHistory restored(kMaxSamples);
  restore_into(original, restored);
  EXPECT_EQ(restored.dropped(), original.dropped());
  EXPECT_EQ(everything(restored), everything(original));

  (void)pool.allocate("ml.g5.xlarge", 2, CapacityType::Spot);
  for (CapacityHistory* history : {&original, &restored}) {
    history->record(seconds(9), pool);
    history->record(seconds(9), "us-west-2", PoolUsage{"ml.g5.xlarge", "us-west-2a", 4, 2, 2, 0, CapacityType::Spot});
  }
  EXPECT_EQ(everything(restored), everything(original));
  EXPECT_EQ(restored.sample_count(), original.sample_count());
  const HistoryQuery query{.instance_type = "ml.m5.xlarge", .from = seconds(2)};
  const auto first = original.page(query, std::nullopt, 4);
  ASSERT_TRUE(first.next);
  EXPECT_EQ(to_csv(restored.page(query, first.next, 4).series), to_csv(original.page(query, first.next, 4).series));
  EXPECT_EQ(original.save().dump(), restored.save().dump());
}

TEST(CapacityHistoryState, RefusesWhatDoesNotFit) {
  RegionalPool pool = make_markets(8, 2);
  const auto state = busy_history(pool).save();
  CapacityHistory shorter(kMaxSamples - 1);
  EXPECT_THROW(shorter.load(state), SnapshotError);
  CapacityHistory history(kMaxSamples);
  EXPECT_THROW(history.load(with(state, "/series/-", state["series"][1])), SnapshotError);
  EXPECT_THROW(history.load(with(state, "/series/0/capacity_type", "reserved")), SnapshotError);
  // A sample at 0 after the series' sample at 0.
  EXPECT_THROW(history.load(with(state, "/series/0/samples/-", {0, 4, 0, 1, 3})), SnapshotError);
  EXPECT_THROW(history.load(with(state, "/series/0/samples", 4)), nlohmann::json::exception);
  EXPECT_EQ(history.sample_count(), 0u);
}

}  // namespace
}  // namespace capacity_model
