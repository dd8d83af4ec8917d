#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "capacity_model/quotas.h"
#include "capacity_model/snapshot_error.h"
#include "tests/unit/capacity_model/snapshot_test_support.h"

namespace capacity_model {
namespace {

using snapshot_test::restore_into;
using snapshot_test::with;

QuotaBook make_book() {
  QuotaSettings settings;
  settings.default_limit = 8;
  settings.instance_types["ml.p3.2xlarge"] = 2;
  return QuotaBook(settings);
}

TEST(QuotaBookState, RoundTripsAndCountsTheSame) {
  QuotaBook original = make_book();
  EXPECT_FALSE(original.acquire("111111111111", "ml.m5.xlarge", 3));
  EXPECT_FALSE(original.acquire("222222222222", "ml.m5.xlarge", 5));
  EXPECT_FALSE(original.acquire("111111111111", "ml.p3.2xlarge", 2));
  EXPECT_FALSE(original.acquire("odd|account", "ml.m5.xlarge", 1));
  original.release("222222222222", "ml.m5.xlarge", 4);
  QuotaBook restored = make_book();
  restore_into(original, restored);
  EXPECT_EQ(restored.utilization("odd|account", "ml.m5.xlarge"), 1);

  for (QuotaBook* book : {&original, &restored}) {
    const auto exceeded = book->acquire("111111111111", "ml.m5.xlarge", 6);
    ASSERT_TRUE(exceeded);
    EXPECT_EQ(exceeded->utilization, 3);
    EXPECT_FALSE(book->acquire("111111111111", "ml.m5.xlarge", 5));
    EXPECT_TRUE(book->check("111111111111", "ml.p3.2xlarge", 1));
    EXPECT_EQ(book->utilization("222222222222", "ml.m5.xlarge"), 1);
  }
  EXPECT_EQ(original.save().dump(), restored.save().dump());
}

TEST(QuotaBookState, RefusesWhatDoesNotFit) {
  QuotaBook original = make_book();
  EXPECT_FALSE(original.acquire("111111111111", "ml.m5.xlarge", 3));
  const auto state = original.save();
  QuotaBook book = make_book();
  EXPECT_THROW(book.load(with(state, "/used/0/instances", 0)), SnapshotError);
  EXPECT_THROW(book.load(with(state, "/used/-", state["used"][0])), SnapshotError);
  EXPECT_THROW(book.load(with(state, "/used/0/instances", "three")), capacity_model::SnapshotError);
  EXPECT_EQ(book.utilization("111111111111", "ml.m5.xlarge"), 0);
}

}  // namespace
}  // namespace capacity_model
