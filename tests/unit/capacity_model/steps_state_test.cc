#include "capacity_model/steps_state.h"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "capacity_model/snapshot_error.h"
#include "tests/unit/capacity_model/pool_test_support.h"
#include "tests/unit/capacity_model/snapshot_test_support.h"

namespace capacity_model {
namespace {

using snapshot_test::with;
using namespace pool_test;
using std::chrono::minutes;

// A Set of one type and market, a timed whole-zone step of both markets and its End.
std::vector<CapacityStep> some_steps() {
  CapacityStep set = type_step(StepPhase::Set, 0, "ml.m5.xlarge", 3);
  set.at = minutes(1);
  set.capacity_type = CapacityType::Spot;
  CapacityStep begin = zone_step(StepPhase::Begin, 9, "us-east-1b", 1);
  begin.at = minutes(2);
  begin.duration = minutes(10);
  CapacityStep end = begin;
  end.at = minutes(12);
  end.phase = StepPhase::End;
  return {set, begin, end, type_step(StepPhase::Begin, 10, "ml.g5.xlarge", 0)};
}

TEST(CapacityStepsState, RoundTripsAndActsTheSame) {
  const auto steps = some_steps();
  const auto state = save_steps(steps);
  const auto loaded = load_steps(snapshot_test::through_text(state));
  EXPECT_EQ(save_steps(loaded).dump(), state.dump());
  ASSERT_EQ(loaded.size(), steps.size());
  EXPECT_EQ(loaded[1].zone, "us-east-1b");
  EXPECT_EQ(loaded[1].duration, minutes(10));
  EXPECT_EQ(loaded[1].capacity_type, std::nullopt);
  EXPECT_EQ(loaded[0].capacity_type, CapacityType::Spot);
  EXPECT_EQ(loaded[2].phase, StepPhase::End);
  EXPECT_EQ(loaded[3].override_id, 10u);

  RegionalPool original = make_markets(8, 4), replayed = make_markets(8, 4);
  // Without the End the zone would still show 1.
  for (std::size_t i = 0; i < steps.size(); ++i) {
    EXPECT_TRUE(original.apply(steps[i]));
    EXPECT_TRUE(replayed.apply(loaded[i]));
  }
  EXPECT_EQ(replayed.save().dump(), original.save().dump());
  EXPECT_EQ(replayed.usage_of("ml.m5.xlarge", "us-east-1b", CapacityType::Spot)->capacity, 3);
}

TEST(CapacityStepsState, RefusesWhatDoesNotFit) {
  const auto state = save_steps(some_steps());
  EXPECT_THROW(load_steps(with(state, "/0/phase", "pause")), SnapshotError);
  EXPECT_THROW(load_steps(with(state, "/1/capacity_type", "reserved")), SnapshotError);
  EXPECT_THROW(load_steps(with(state, "/2/override_id", "nine")), capacity_model::SnapshotError);
  EXPECT_THROW(load_steps(nlohmann::json::object()), nlohmann::json::exception);
}

}  // namespace
}  // namespace capacity_model
