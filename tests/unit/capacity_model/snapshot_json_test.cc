#include "capacity_model/snapshot_json.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace capacity_model::snapshot {
namespace {

using Json = nlohmann::json;

TEST(SnapshotValueOf, ReadsIntegersInRange) {
  EXPECT_EQ(value_of<int>(Json(-5)), -5);
  EXPECT_EQ(value_of<std::uint64_t>(Json(18446744073709551615ull)), 18446744073709551615ull);
  EXPECT_EQ(value_of<std::int64_t>(Json::parse("-9223372036854775808")), INT64_MIN);
}

TEST(SnapshotValueOf, RefusesWhatAnIntegerCannotHold) {
  // nlohmann would cast these floats: undefined behaviour out of range, a silent truncation in it.
  EXPECT_THROW(value_of<int>(Json::parse("2e82")), SnapshotError);
  EXPECT_THROW(value_of<int>(Json(3.5)), SnapshotError);
  EXPECT_THROW(value_of<std::uint64_t>(Json::parse("-1e30")), SnapshotError);
  EXPECT_THROW(value_of<int>(Json(std::int64_t{1} << 40)), SnapshotError);
  EXPECT_THROW(value_of<std::uint32_t>(Json(-1)), SnapshotError);
  EXPECT_THROW(value_of<std::int64_t>(Json(18446744073709551615ull)), SnapshotError);
  EXPECT_THROW(value_of<int>(Json("3")), SnapshotError);
}

TEST(SnapshotValueOf, ReadsOtherTypesAsTheyAre) {
  EXPECT_EQ(value_of<double>(Json(2e82)), 2e82);
  EXPECT_EQ(value_of<std::string>(Json("us-east-1a")), "us-east-1a");
  EXPECT_TRUE(value_of<bool>(Json(true)));
}

}  // namespace
}  // namespace capacity_model::snapshot
