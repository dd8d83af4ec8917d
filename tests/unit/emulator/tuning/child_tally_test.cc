#include "emulator/tuning/child_tally.h"

#include <gtest/gtest.h>

#include <deque>

namespace emulator::tuning {
namespace {

using model::ObjectiveStatus;
using model::TrainingJobStatus;
using Objective = model::HyperParameterTuningJobObjectiveType;

struct Fixture {
  std::deque<model::TrainingJob> jobs;  // stable addresses, as the store's
  ChildTally tally{Objective::Minimize};

  model::TrainingJob& launch(const std::string& name) {
    auto& job = jobs.emplace_back();
    job.name = name;
    tally.launched(job);
    return job;
  }
  void end(model::TrainingJob& job, TrainingJobStatus status, std::optional<double> objective) {
    job.status = status;
    if (objective) {
      job.objective_status = ObjectiveStatus::Succeeded;
      job.objective_value = objective;
    } else {
      job.objective_status = ObjectiveStatus::Failed;
    }
    tally.ended(job);
  }
};

TEST(ChildTally, CountsRunningCompletedAndFailedChildrenAsTheyEnd) {
  Fixture f;
  auto& a = f.launch("a");
  auto& b = f.launch("b");
  auto& c = f.launch("c");
  EXPECT_EQ(f.tally.counts().running, 3);
  f.end(a, TrainingJobStatus::Completed, 0.5);
  f.end(b, TrainingJobStatus::Failed, std::nullopt);
  const auto& counts = f.tally.counts();
  EXPECT_EQ(counts.running, 1);
  EXPECT_EQ(counts.completed, 1);
  EXPECT_EQ(counts.failed, 1);
  EXPECT_EQ(counts.best_objective, 0.5);
  ASSERT_EQ(f.tally.in_flight().size(), 1u);
  EXPECT_EQ(f.tally.in_flight().front(), &c);
}

TEST(ChildTally, AChildThatEndedAsItStartedIsNotInFlight) {
  Fixture f;
  auto& job = f.jobs.emplace_back();
  job.status = TrainingJobStatus::Failed;  // a CapacityError with no retry window
  f.tally.ended(job);
  f.tally.launched(job);
  EXPECT_EQ(f.tally.counts().running, 0);
  EXPECT_EQ(f.tally.counts().failed, 1);
  EXPECT_TRUE(f.tally.in_flight().empty());
}

TEST(ChildTally, TheBestFollowsTheObjectiveDirectionAndCountsStoppedChildrenWithAnObjective) {
  for (const auto direction : {Objective::Minimize, Objective::Maximize}) {
    Fixture f;
    f.tally = ChildTally(direction);
    f.end(f.launch("a"), TrainingJobStatus::Completed, 2.0);
    f.end(f.launch("b"), TrainingJobStatus::Stopped, 1.0);  // early-stopped keeps its value
    f.end(f.launch("c"), TrainingJobStatus::Completed, 3.0);
    const auto& counts = f.tally.counts();
    EXPECT_EQ(counts.best_objective, direction == Objective::Minimize ? 1.0 : 3.0);
    EXPECT_EQ(counts.completed, 2);
    EXPECT_EQ(counts.failed, 0);
    EXPECT_EQ(counts.running, 0);
  }
}

}  // namespace
}  // namespace emulator::tuning
