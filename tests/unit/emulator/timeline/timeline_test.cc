#include "emulator/timeline/timeline.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "emulator/timeline/render.h"

namespace emulator::timeline {
namespace {

using Sequences = std::vector<std::uint64_t>;

Sequences sequences(const EventPage& page) {
  Sequences out;
  for (const auto* e : page.events) out.push_back(e->sequence);
  return out;
}

About about(std::string_view tuning_job, std::string_view training_job = {}) {
  return {.region = "us-east-1",
          .tuning_job = tuning_job,
          .training_job = training_job,
          .instance_type = "ml.m5.xlarge",
          .instance_count = 1};
}

Filter with_tuning_job(std::string_view name) {
  Filter f;
  f.tuning_job = name;
  return f;
}

Filter with_training_job(std::string_view name) {
  Filter f;
  f.training_job = name;
  return f;
}

// 1: asked  t=0   tune-a/train-1
// 2: ice    t=0   tune-a/train-1
// 3: granted t=10 tune-a/train-2
// 4: asked  t=20  tune-b/train-3
// 5: tuning-status t=30 tune-a
void fill(Timeline& timeline) {
  timeline.append(sim::SimTime{0}, about("tune-a", "train-1"), Asked{});
  timeline.append(sim::SimTime{0}, about("tune-a", "train-1"), Ice{IceCause::PoolShort, 1, 0, false});
  timeline.append(sim::SimTime{10}, about("tune-a", "train-2"), Granted{});
  timeline.append(sim::SimTime{20}, about("tune-b", "train-3"), Asked{});
  timeline.append(sim::SimTime{30}, {.region = "us-east-1", .tuning_job = "tune-a"},
                  TuningStatus{model::HyperParameterTuningJobStatus::Completed});
}

TEST(Timeline, AppendStampsSequenceFromOneAndInternsNames) {
  Timeline timeline;
  const Event& stored = timeline.append(sim::SimTime{5}, about("tune-a", "train-1"), Launched{1, 10});
  EXPECT_EQ(stored.sequence, 1u);
  EXPECT_EQ(stored.type(), EventType::Launched);
  EXPECT_EQ(timeline.text(stored.subject.instance_type), "ml.m5.xlarge");
  EXPECT_EQ(stored.instance_count, 1);
  const Event& second = timeline.append(sim::SimTime{5}, about("tune-a", "train-1"), Asked{});
  EXPECT_EQ(second.sequence, 2u);
  // One stored text per name, however many events name it.
  EXPECT_EQ(second.subject.training_job, timeline.select({}).events.front()->subject.training_job);
  EXPECT_EQ(timeline.names(), 4u);  // region, tuning job, training job, instance type
  EXPECT_EQ(timeline.size(), 2u);
}

TEST(Timeline, EmptyFilterSelectsEverythingInOrder) {
  Timeline timeline;
  fill(timeline);
  EXPECT_EQ(sequences(timeline.select({})), (Sequences{1, 2, 3, 4, 5}));
}

TEST(Timeline, FiltersByJobsAndType) {
  Timeline timeline;
  fill(timeline);
  EXPECT_EQ(sequences(timeline.select(with_tuning_job("tune-a"))), (Sequences{1, 2, 3, 5}));
  EXPECT_EQ(sequences(timeline.select(with_training_job("train-1"))), (Sequences{1, 2}));
  Filter by_type;
  by_type.type = EventType::Asked;
  EXPECT_EQ(sequences(timeline.select(by_type)), (Sequences{1, 4}));
}

TEST(Timeline, CombinedFiltersMustAllMatch) {
  Timeline timeline;
  fill(timeline);
  Filter filter = with_tuning_job("tune-a");
  filter.type = EventType::Asked;
  EXPECT_EQ(sequences(timeline.select(filter)), (Sequences{1}));
  filter.training_job = "train-3";
  EXPECT_TRUE(timeline.select(filter).events.empty());
}

TEST(Timeline, NamesCompareExactly) {
  Timeline timeline;
  fill(timeline);
  EXPECT_TRUE(timeline.select(with_tuning_job("TUNE-A")).events.empty());
  EXPECT_TRUE(timeline.select(with_tuning_job("tune")).events.empty());
  // Set but empty: the events about no training job.
  EXPECT_EQ(sequences(timeline.select(with_training_job(""))), (Sequences{5}));
}

TEST(Timeline, TimeBoundsAreInclusive) {
  Timeline timeline;
  fill(timeline);
  Filter filter;
  filter.since = sim::SimTime{10};
  filter.until = sim::SimTime{20};
  EXPECT_EQ(sequences(timeline.select(filter)), (Sequences{3, 4}));
  filter.since = sim::SimTime{0};
  filter.until = sim::SimTime{0};
  EXPECT_EQ(sequences(timeline.select(filter)), (Sequences{1, 2}));
  filter.since = sim::SimTime{31};
  filter.until.reset();
  EXPECT_TRUE(timeline.select(filter).events.empty());
}

TEST(Timeline, PagesEndWithoutATokenAndResumeAfterIt) {
  Timeline timeline;
  fill(timeline);
  auto first = timeline.select(with_tuning_job("tune-a"), 0, 2);
  EXPECT_EQ(sequences(first), (Sequences{1, 2}));
  ASSERT_TRUE(first.next_after);
  auto second = timeline.select(with_tuning_job("tune-a"), *first.next_after, 2);
  EXPECT_EQ(sequences(second), (Sequences{3, 5}));
  EXPECT_FALSE(second.next_after) << "no token once everything is listed";
}

TEST(Timeline, DropsTheOldestPastItsLimitAndCountsThem) {
  Timeline timeline(3);
  fill(timeline);
  EXPECT_EQ(timeline.size(), 3u);
  EXPECT_EQ(timeline.dropped(), 2u);
  EXPECT_EQ(sequences(timeline.select({})), (Sequences{3, 4, 5}));
  EXPECT_TRUE(timeline.select(with_training_job("train-1")).events.empty());
  EXPECT_FALSE(timeline.names_in_use("train-1")) << "a name no event holds is forgotten";
  // Counters count what was appended, whatever was dropped since.
  EXPECT_EQ(timeline.appended_by_type()[std::size_t(EventType::Asked)], 2u);
}

TEST(Timeline, ForgettingATrainingJobDropsItsEventsAndItsName) {
  Timeline timeline;
  fill(timeline);
  timeline.forget_training_job("train-1");
  EXPECT_EQ(sequences(timeline.select({})), (Sequences{3, 4, 5}));
  EXPECT_EQ(timeline.size(), 3u);
  EXPECT_FALSE(timeline.names_in_use("train-1"));
  EXPECT_TRUE(timeline.names_in_use("tune-a"));
}

TEST(Timeline, ForgettingATuningJobKeepsItsChildrensEvents) {
  Timeline timeline;
  fill(timeline);
  timeline.forget_tuning_job("tune-a");
  EXPECT_EQ(sequences(timeline.select({})), (Sequences{1, 2, 3, 4}));
  EXPECT_EQ(sequences(timeline.select(with_tuning_job("tune-a"))), (Sequences{1, 2, 3}));
}

TEST(Timeline, ErasedEventsAreCompactedAwayAndSequencesGoOn) {
  Timeline timeline;
  for (int i = 0; i < 3000; ++i) {
    const auto job = "train-" + std::to_string(i);
    timeline.append(sim::SimTime{i}, about("tune-a", job), Asked{});
  }
  for (int i = 0; i < 2999; ++i) timeline.forget_training_job("train-" + std::to_string(i));
  EXPECT_EQ(sequences(timeline.select({})), (Sequences{3000}));
  EXPECT_EQ(sequences(timeline.select(with_tuning_job("tune-a"))), (Sequences{3000}));
  EXPECT_EQ(timeline.append(sim::SimTime{3000}, about("tune-a", "x"), Asked{}).sequence, 3001u);
  EXPECT_EQ(timeline.names(), 5u);  // region, tune-a, train-2999, type, x
}

TEST(Timeline, ClearRestartsSequences) {
  Timeline timeline;
  fill(timeline);
  timeline.clear();
  EXPECT_EQ(timeline.size(), 0u);
  EXPECT_TRUE(timeline.select({}).events.empty());
  EXPECT_EQ(timeline.append(sim::SimTime{0}, about("tune-c"), Asked{}).sequence, 1u);
}

TEST(TimelineRender, MessagesAreRenderedFromTheTypedFields) {
  Timeline timeline;
  auto message = [&](const About& a, Payload p) {
    return message_of(timeline, timeline.append(sim::SimTime{0}, a, p));
  };
  EXPECT_EQ(message(about("t", "c"), Launched{3, 10}), "training job 3 of 10");
  EXPECT_EQ(message(about("t", "c"), Ice{IceCause::PoolShort, 2, 1, true}),
            "InsufficientInstanceCapacity: 2 x spot ml.m5.xlarge requested, at most 1 free in one zone");
  auto fault = about("t", "c");
  fault.text = "fault-7";
  EXPECT_EQ(message(fault, Ice{IceCause::InjectedFault, 1, 4, false}),
            "InsufficientInstanceCapacity injected by fault fault-7");
  EXPECT_EQ(message(about("t", "c"), Ice{IceCause::Cached, 1, 0, false}),
            "every zone is cached as unavailable for ml.m5.xlarge");
  auto preferred = about("t", "c");
  preferred.text = "ml.m4.xlarge";
  EXPECT_EQ(message(preferred, FellBack{}), "ml.m4.xlarge -> ml.m5.xlarge");
  EXPECT_EQ(message(about("t", "c"), Waiting{30}), "no instance configuration has capacity; next attempt in 30 s");
  EXPECT_EQ(message(about("t", "c"), KeptWarm{300}), "instances kept for the next training job of t for 300 s");
  EXPECT_EQ(message(about("t", "c"), Interrupted{42, true}),
            "spot capacity reclaimed after 42% of the work; resuming from the checkpoint");
  EXPECT_EQ(
      message(about("t", "c"), TrainingStatus{model::TrainingJobStatus::InProgress, model::SecondaryStatus::Starting,
                                              model::StatusMessage::LaunchingInstances}),
      "InProgress/Starting: Launching requested ML instances.");
  auto failure = about("t", "c");
  failure.text = "AlgorithmError: boom";
  EXPECT_EQ(message(failure, TrainingStatus{model::TrainingJobStatus::Failed, model::SecondaryStatus::Failed,
                                            model::StatusMessage::FailureReason}),
            "Failed/Failed: AlgorithmError: boom");
  auto metric = about("t", "c");
  metric.text = "validation:rmse";
  EXPECT_EQ(message(metric, EarlyStopped{0.5, 9, StoppingRule::Hyperband}),
            "validation:rmse 0.500000 not among the best third at the Hyperband rung of epoch 9");
  EXPECT_EQ(message({.region = "r", .text = "f1"}, FaultAdded{12.5}), "fault f1: 12.5% of launches refused");
  EXPECT_EQ(message({.region = "r"}, CapacityChanged{CapacityOrigin::Scenario, 4, true}),
            "capacity set to 4 by the scenario (spot)");
  EXPECT_EQ(message({.region = "r"}, CapacityChanged{CapacityOrigin::ControlPlane, 0, false}),
            "capacity set to 0 through the control plane");
  EXPECT_EQ(message({.region = "r", .tuning_job = "t"}, TuningStatus{model::HyperParameterTuningJobStatus::Completed}),
            "Completed");
}

TEST(TimelineRender, EveryTypeHasAWireNameThatParsesBack) {
  for (std::size_t i = 0; i < kEventTypes; ++i) {
    const auto type = EventType(i);
    EXPECT_EQ(parse_event_type(to_string(type)), type) << to_string(type);
  }
  EXPECT_EQ(parse_event_type("fell-back"), EventType::FellBack);
  EXPECT_FALSE(parse_event_type("fellback"));
}

}  // namespace
}  // namespace emulator::timeline
