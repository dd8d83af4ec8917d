#include "emulator/timeline/timeline.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace emulator::timeline {
namespace {

TimelineEvent event(sim::SimTime time, std::string type, std::string tuning_job,
                    std::string training_job = "") {
  TimelineEvent e;
  e.time = time;
  e.type = std::move(type);
  e.tuning_job = std::move(tuning_job);
  e.training_job = std::move(training_job);
  return e;
}

std::vector<std::uint64_t> sequences(const std::vector<TimelineEvent>& events) {
  std::vector<std::uint64_t> out;
  for (const auto& e : events) out.push_back(e.sequence);
  return out;
}

using Sequences = std::vector<std::uint64_t>;

// 1: asked  t=0   tune-a/train-1
// 2: ice    t=0   tune-a/train-1
// 3: granted t=10 tune-a/train-2
// 4: asked  t=20  tune-b/train-3
// 5: tuning-status t=30 tune-a
Timeline sample() {
  Timeline timeline;
  timeline.append(event(sim::SimTime{0}, "asked", "tune-a", "train-1"));
  timeline.append(event(sim::SimTime{0}, "ice", "tune-a", "train-1"));
  timeline.append(event(sim::SimTime{10}, "granted", "tune-a", "train-2"));
  timeline.append(event(sim::SimTime{20}, "asked", "tune-b", "train-3"));
  timeline.append(event(sim::SimTime{30}, "tuning-status", "tune-a"));
  return timeline;
}

TEST(Timeline, AppendStampsSequenceFromOne) {
  Timeline timeline;
  TimelineEvent e = event(sim::SimTime{5}, "launched", "tune-a");
  e.sequence = 77;  // ignored: the log numbers its own entries
  e.instance_type = "ml.m5.xlarge";
  e.instance_count = 2;
  const TimelineEvent& stored = timeline.append(e);
  EXPECT_EQ(stored.sequence, 1u);
  EXPECT_EQ(stored.instance_type, "ml.m5.xlarge");
  EXPECT_EQ(stored.instance_count, 2);
  EXPECT_EQ(timeline.append(e).sequence, 2u);
  EXPECT_EQ(timeline.size(), 2u);
  EXPECT_EQ(sequences(timeline.all()), (Sequences{1, 2}));
}

TEST(Timeline, EmptyFilterSelectsEverythingInOrder) {
  const Timeline timeline = sample();
  EXPECT_EQ(sequences(timeline.select({})), (Sequences{1, 2, 3, 4, 5}));
}

TEST(Timeline, FiltersByJobsAndType) {
  const Timeline timeline = sample();
  TimelineFilter by_tuning;
  by_tuning.tuning_job = "tune-a";
  EXPECT_EQ(sequences(timeline.select(by_tuning)), (Sequences{1, 2, 3, 5}));

  TimelineFilter by_training;
  by_training.training_job = "train-1";
  EXPECT_EQ(sequences(timeline.select(by_training)), (Sequences{1, 2}));

  TimelineFilter by_type;
  by_type.type = "asked";
  EXPECT_EQ(sequences(timeline.select(by_type)), (Sequences{1, 4}));
}

TEST(Timeline, CombinedFiltersMustAllMatch) {
  const Timeline timeline = sample();
  TimelineFilter filter;
  filter.tuning_job = "tune-a";
  filter.type = "asked";
  EXPECT_EQ(sequences(timeline.select(filter)), (Sequences{1}));
  filter.training_job = "train-3";
  EXPECT_TRUE(timeline.select(filter).empty());
}

TEST(Timeline, NamesCompareExactly) {
  const Timeline timeline = sample();
  TimelineFilter filter;
  filter.tuning_job = "TUNE-A";
  EXPECT_TRUE(timeline.select(filter).empty());
  filter.tuning_job = "tune";
  EXPECT_TRUE(timeline.select(filter).empty());
  TimelineFilter empty_name;
  empty_name.training_job = "";  // set but empty matches events with no training job
  EXPECT_EQ(sequences(timeline.select(empty_name)), (Sequences{5}));
}

TEST(Timeline, TimeBoundsAreInclusive) {
  const Timeline timeline = sample();
  TimelineFilter filter;
  filter.since = sim::SimTime{10};
  filter.until = sim::SimTime{20};
  EXPECT_EQ(sequences(timeline.select(filter)), (Sequences{3, 4}));
  filter.since = sim::SimTime{0};
  filter.until = sim::SimTime{0};
  EXPECT_EQ(sequences(timeline.select(filter)), (Sequences{1, 2}));
  filter.since = sim::SimTime{31};
  filter.until.reset();
  EXPECT_TRUE(timeline.select(filter).empty());
}

TEST(Timeline, ClearRestartsSequences) {
  Timeline timeline = sample();
  timeline.clear();
  EXPECT_EQ(timeline.size(), 0u);
  EXPECT_TRUE(timeline.all().empty());
  EXPECT_EQ(timeline.append(event(sim::SimTime{0}, "asked", "tune-c")).sequence, 1u);
}

}  // namespace
}  // namespace emulator::timeline
