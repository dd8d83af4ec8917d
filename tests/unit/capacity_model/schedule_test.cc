#include "capacity_model/schedule.h"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "capacity_model/pool.h"

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

CapacityStep timed(Millis at, Millis duration, std::string type, int capacity,
                   std::optional<std::string> zone = std::nullopt) {
  CapacityStep s = step(at, std::move(type), capacity, std::move(zone));
  s.duration = duration;
  return s;
}

CapacityStep zone_outage(Millis at, Millis duration, std::string zone) {
  CapacityStep s = timed(at, duration, "", 0, std::move(zone));
  s.capacity_type = std::nullopt;
  return s;
}

TEST(CapacitySchedule, ATimedStepBeginsAndEndsAtTheExactMillisecond) {
  const CapacitySchedule schedule({timed(seconds(600), seconds(1800), "ml.m5.large", 0)});
  EXPECT_EQ(schedule.first_change(), seconds(600));
  const auto begin = schedule.changes_at(seconds(600));
  ASSERT_EQ(begin.size(), 1u);
  EXPECT_EQ(begin[0].phase, StepPhase::Begin);
  EXPECT_EQ(begin[0].override_id, 1u);
  EXPECT_EQ(begin[0].capacity, 0);
  EXPECT_TRUE(schedule.changes_at(Millis{599999}).empty());
  EXPECT_TRUE(schedule.changes_at(Millis{2399999}).empty());
  EXPECT_EQ(schedule.next_change_after(seconds(600)), seconds(2400));
  EXPECT_EQ(schedule.next_change_after(Millis{2399999}), seconds(2400));
  const auto end = schedule.changes_at(seconds(2400));
  ASSERT_EQ(end.size(), 1u);
  EXPECT_EQ(end[0].phase, StepPhase::End);
  EXPECT_EQ(end[0].override_id, 1u);
  EXPECT_EQ(end[0].instance_type, "ml.m5.large");
  EXPECT_EQ(schedule.next_change_after(seconds(2400)), std::nullopt);
}

TEST(CapacitySchedule, EachTimedStepGetsItsOwnIdAndSetStepsStaySets) {
  const CapacitySchedule schedule({step(seconds(5), "ml.m5.large", 1),
                                   timed(seconds(10), seconds(10), "ml.m5.large", 0),
                                   timed(seconds(10), seconds(5), "ml.c5.xlarge", 0)});
  ASSERT_EQ(schedule.steps().size(), 5u);
  EXPECT_EQ(schedule.changes_at(seconds(5))[0].phase, StepPhase::Set);
  const auto at_10 = schedule.changes_at(seconds(10));
  ASSERT_EQ(at_10.size(), 2u);
  EXPECT_EQ(at_10[0].override_id, 2u);
  EXPECT_EQ(at_10[1].override_id, 3u);
  EXPECT_EQ(schedule.changes_at(seconds(15))[0].override_id, 3u);
  EXPECT_EQ(schedule.changes_at(seconds(20))[0].override_id, 2u);
}

TEST(CapacitySchedule, AStepEndingWhereAnotherBeginsKeepsFileOrder) {
  const CapacitySchedule schedule({timed(seconds(0), seconds(60), "ml.m5.large", 0),
                                   timed(seconds(60), seconds(60), "ml.m5.large", 2)});
  const auto at_60 = schedule.changes_at(seconds(60));
  ASSERT_EQ(at_60.size(), 2u);
  EXPECT_EQ(at_60[0].phase, StepPhase::End);
  EXPECT_EQ(at_60[1].phase, StepPhase::Begin);
}

TEST(CapacitySchedule, ZeroDurationBeginsThenEnds) {
  CapacityStep zero = timed(seconds(1), Millis{0}, "ml.m5.large", 0);
  const CapacitySchedule schedule({zero});
  const auto at_1 = schedule.changes_at(seconds(1));
  ASSERT_EQ(at_1.size(), 2u);
  EXPECT_EQ(at_1[0].phase, StepPhase::Begin);
  EXPECT_EQ(at_1[1].phase, StepPhase::End);
}

// Walks the schedule the way the emulator does: an event at each reported time that applies
// changes_at(t) to the pool.
class ScheduledPool {
 public:
  ScheduledPool(std::vector<CapacityStep> steps, std::vector<PoolCapacity> overrides)
      : schedule_(std::move(steps)),
        pool_(Catalog({InstanceSpec{"ml.m5.large", "m5", 2, 8, 0, 0.115, 0.5},
                       InstanceSpec{"ml.c5.xlarge", "c5", 4, 8, 0, 0.204, 1.1}}),
              "us-east-1", {"us-east-1a", "us-east-1b"}, 16, overrides, 8) {}

  const RegionalPool& at(Millis t) {
    while (next_ && *next_ <= t) {
      for (const auto& s : schedule_.changes_at(*next_)) EXPECT_TRUE(pool_.apply(s));
      next_ = schedule_.next_change_after(*next_);
    }
    return pool_;
  }

 private:
  CapacitySchedule schedule_;
  RegionalPool pool_;
  std::optional<Millis> next_ = schedule_.first_change();
};

int capacity(const RegionalPool& pool, std::string_view type, std::string_view zone,
             CapacityType market = CapacityType::OnDemand) {
  return pool.usage_of(type, zone, market)->capacity;
}

TEST(CapacitySchedule, ZoneOutageStartsAndEndsAtTheExactMillisecond) {
  ScheduledPool scheduled({zone_outage(seconds(600), seconds(1800), "us-east-1a")},
                          {{"ml.c5.xlarge", "us-east-1a", 3}});
  const RegionalPool& before = scheduled.at(Millis{599999});
  EXPECT_EQ(capacity(before, "ml.m5.large", "us-east-1a"), 16);
  const RegionalPool& down = scheduled.at(seconds(600));
  for (std::string_view type : {"ml.m5.large", "ml.c5.xlarge"}) {
    EXPECT_EQ(capacity(down, type, "us-east-1a"), 0);
    EXPECT_EQ(capacity(down, type, "us-east-1a", CapacityType::Spot), 0);
  }
  EXPECT_EQ(capacity(down, "ml.m5.large", "us-east-1b"), 16);
  EXPECT_EQ(capacity(down, "ml.m5.large", "us-east-1b", CapacityType::Spot), 8);
  EXPECT_EQ(capacity(scheduled.at(Millis{2399999}), "ml.c5.xlarge", "us-east-1a"), 0);
  const RegionalPool& back = scheduled.at(seconds(2400));
  EXPECT_EQ(capacity(back, "ml.c5.xlarge", "us-east-1a"), 3);
  EXPECT_EQ(capacity(back, "ml.m5.large", "us-east-1a"), 16);
  EXPECT_EQ(capacity(back, "ml.m5.large", "us-east-1a", CapacityType::Spot), 8);
}

TEST(CapacitySchedule, TypeStepsStartAndEndAtTheExactMillisecond) {
  ScheduledPool scheduled({step(Millis{1500}, "ml.m5.large", 4, "us-east-1b"),
                           timed(Millis{2000}, Millis{250}, "ml.m5.large", 1)},
                          {});
  EXPECT_EQ(capacity(scheduled.at(Millis{1499}), "ml.m5.large", "us-east-1b"), 16);
  EXPECT_EQ(capacity(scheduled.at(Millis{1500}), "ml.m5.large", "us-east-1b"), 4);
  EXPECT_EQ(capacity(scheduled.at(Millis{1999}), "ml.m5.large", "us-east-1a"), 16);
  EXPECT_EQ(capacity(scheduled.at(Millis{2000}), "ml.m5.large", "us-east-1a"), 1);
  EXPECT_EQ(capacity(scheduled.at(Millis{2000}), "ml.m5.large", "us-east-1b"), 1);
  EXPECT_EQ(capacity(scheduled.at(Millis{2249}), "ml.m5.large", "us-east-1b"), 1);
  EXPECT_EQ(capacity(scheduled.at(Millis{2250}), "ml.m5.large", "us-east-1a"), 16);
  EXPECT_EQ(capacity(scheduled.at(Millis{2250}), "ml.m5.large", "us-east-1b"), 4);
  // On-demand only by default: spot never moved.
  EXPECT_EQ(capacity(scheduled.at(Millis{2250}), "ml.m5.large", "us-east-1b", CapacityType::Spot),
            8);
}

}  // namespace
}  // namespace capacity_model
