#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "capacity_model/snapshot_error.h"
#include "capacity_model/unavailable_offerings.h"
#include "tests/unit/capacity_model/snapshot_test_support.h"

namespace capacity_model {
namespace {

using snapshot_test::restore_into;
using snapshot_test::with;
using std::chrono::seconds;

constexpr Millis kTtl = seconds(180);

// Three offerings, one of them expired by the last mark's time but still kept.
UnavailableOfferings busy_cache() {
  UnavailableOfferings cache(kTtl);
  cache.mark("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand, seconds(0));
  cache.mark("ml.g5.xlarge", "us-east-1b", CapacityType::Spot, seconds(100));
  cache.mark("ml.m5.xlarge", "us-east-1b", CapacityType::OnDemand, seconds(170));
  return cache;
}

TEST(UnavailableOfferingsState, RoundTripsAndAnswersTheSame) {
  UnavailableOfferings original = busy_cache();
  ASSERT_EQ(original.size(), 3u);
  UnavailableOfferings restored(kTtl);
  restore_into(original, restored);
  EXPECT_EQ(restored.size(), 3u);
  EXPECT_EQ(restored.available_at("ml.g5.xlarge", "us-east-1b", CapacityType::Spot, seconds(250)), seconds(280));
  EXPECT_FALSE(restored.is_unavailable("ml.g5.xlarge", "us-east-1b", CapacityType::OnDemand, seconds(250)));

  for (UnavailableOfferings* cache : {&original, &restored}) {
    cache->mark("ml.m4.xlarge", "us-east-1c", CapacityType::Spot, seconds(300));
  }
  EXPECT_EQ(original.size(), restored.size());
  EXPECT_EQ(original.next_change_after(seconds(300)), restored.next_change_after(seconds(300)));
  EXPECT_EQ(original.save().dump(), restored.save().dump());
}

TEST(UnavailableOfferingsState, RefusesWhatDoesNotFit) {
  const auto state = busy_cache().save();
  UnavailableOfferings off;
  EXPECT_THROW(off.load(state), SnapshotError);
  UnavailableOfferings cache(kTtl);
  EXPECT_THROW(cache.load(with(state, "/until/0/capacity_type", "reserved")), SnapshotError);
  EXPECT_THROW(cache.load(with(state, "/until/-", state["until"][0])), SnapshotError);
  EXPECT_THROW(cache.load(with(state, "/until/0/until_ms", "later")), capacity_model::SnapshotError);
  EXPECT_EQ(cache.size(), 0u);
}

}  // namespace
}  // namespace capacity_model
