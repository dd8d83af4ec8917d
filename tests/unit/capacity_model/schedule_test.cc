#include "capacity_model/schedule.h"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

namespace capacity_model {
namespace {

using std::chrono::seconds;

CapacityStep step(Millis at, std::string type, int capacity,
                  std::optional<std::string> zone = std::nullopt) {
  return CapacityStep{at, std::move(type), std::move(zone), capacity};
}

TEST(CapacitySchedule, EmptyReportsNothing) {
  const CapacitySchedule schedule({});
  EXPECT_EQ(schedule.first_change(), std::nullopt);
  EXPECT_EQ(schedule.next_change_after(Millis{-1}), std::nullopt);
  EXPECT_TRUE(schedule.changes_at(Millis{0}).empty());
}

TEST(CapacitySchedule, FirstChangeIsTheEarliestEvenAtZero) {
  const CapacitySchedule schedule(
      {step(seconds(600), "ml.m5.large", 4), step(Millis{0}, "ml.m5.large", 0)});
  EXPECT_EQ(schedule.first_change(), Millis{0});
}

TEST(CapacitySchedule, NextChangeIsStrictlyAfter) {
  const CapacitySchedule schedule(
      {step(seconds(600), "ml.m4.xlarge", 4), step(seconds(60), "ml.m4.xlarge", 0),
       step(seconds(600), "ml.c5.xlarge", 2), step(seconds(1200), "ml.m4.xlarge", 16)});
  EXPECT_EQ(schedule.next_change_after(Millis{-1}), seconds(60));
  EXPECT_EQ(schedule.next_change_after(Millis{0}), seconds(60));
  EXPECT_EQ(schedule.next_change_after(seconds(60)), seconds(600));
  EXPECT_EQ(schedule.next_change_after(seconds(599)), seconds(600));
  EXPECT_EQ(schedule.next_change_after(seconds(600)), seconds(1200));
  EXPECT_EQ(schedule.next_change_after(seconds(1200)), std::nullopt);
}

TEST(CapacitySchedule, ChangesAtKeepFileOrderAmongEqualTimes) {
  const CapacitySchedule schedule(
      {step(seconds(600), "ml.m4.xlarge", 4, "us-east-1a"), step(seconds(60), "ml.m4.xlarge", 0),
       step(seconds(600), "ml.c5.xlarge", 2), step(seconds(600), "ml.m4.xlarge", 1, "us-east-1a")});
  const auto at_600 = schedule.changes_at(seconds(600));
  ASSERT_EQ(at_600.size(), 3u);
  EXPECT_EQ(at_600[0].instance_type, "ml.m4.xlarge");
  EXPECT_EQ(at_600[0].capacity, 4);
  EXPECT_EQ(at_600[1].instance_type, "ml.c5.xlarge");
  EXPECT_EQ(at_600[2].capacity, 1);
  EXPECT_EQ(at_600[2].zone, "us-east-1a");

  const auto at_60 = schedule.changes_at(seconds(60));
  ASSERT_EQ(at_60.size(), 1u);
  EXPECT_EQ(at_60[0].zone, std::nullopt);
  EXPECT_TRUE(schedule.changes_at(seconds(61)).empty());
}

TEST(CapacitySchedule, WalkingNextChangeVisitsEveryStepOnce) {
  const CapacitySchedule schedule(
      {step(seconds(30), "ml.m5.large", 1), step(Millis{0}, "ml.m5.large", 0),
       step(seconds(30), "ml.m5.large", 2), step(seconds(10), "ml.m5.large", 3)});
  std::vector<int> applied;
  for (auto t = schedule.first_change(); t; t = schedule.next_change_after(*t)) {
    for (const auto& s : schedule.changes_at(*t)) applied.push_back(s.capacity);
  }
  EXPECT_EQ(applied, (std::vector<int>{0, 3, 1, 2}));
}

}  // namespace
}  // namespace capacity_model
