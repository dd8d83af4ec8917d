#include "emulator/tuning/child_tally.h"

#include <gtest/gtest.h>

namespace emulator::tuning {
namespace {

using model::ObjectiveStatus;
using model::TrainingJobStatus;
using Objective = model::HyperParameterTuningJobObjectiveType;

struct Fixture {
  store::JobStore jobs;
  ChildTally tally{Objective::Minimize};

  model::TrainingJob& launch(const std::string& name) {
    model::TrainingJob job;
    job.name = name;
    tally.launched(name);
    return jobs.add_training_job(std::move(job));
  }
  static void end(model::TrainingJob& job, TrainingJobStatus status, std::optional<double> objective) {
    job.status = status;
    if (objective) {
      job.objective_status = ObjectiveStatus::Succeeded;
      job.objective_value = objective;
    } else {
      job.objective_status = ObjectiveStatus::Failed;
    }
  }
};

TEST(ChildTally, CountsRunningCompletedAndFailedChildrenFromTheirRecords) {
  Fixture f;
  auto& a = f.launch("a");
  auto& b = f.launch("b");
  f.launch("c");
  EXPECT_EQ(f.tally.refresh(f.jobs).running, 3);
  Fixture::end(a, TrainingJobStatus::Completed, 0.5);
  Fixture::end(b, TrainingJobStatus::Failed, std::nullopt);
  const auto& counts = f.tally.refresh(f.jobs);
  EXPECT_EQ(counts.running, 1);
  EXPECT_EQ(counts.completed, 1);
  EXPECT_EQ(counts.failed, 1);
  EXPECT_EQ(counts.best_objective, 0.5);
}

TEST(ChildTally, AnEndedChildIsCountedOnceHoweverOftenTheTallyIsRefreshed) {
  Fixture f;
  Fixture::end(f.launch("a"), TrainingJobStatus::Completed, 1.0);
  f.tally.refresh(f.jobs);
  f.tally.refresh(f.jobs);
  EXPECT_EQ(f.tally.refresh(f.jobs).completed, 1);
}

TEST(ChildTally, TheBestFollowsTheObjectiveDirectionAndCountsStoppedChildrenWithAnObjective) {
  for (const auto direction : {Objective::Minimize, Objective::Maximize}) {
    Fixture f;
    f.tally = ChildTally(direction);
    Fixture::end(f.launch("a"), TrainingJobStatus::Completed, 2.0);
    Fixture::end(f.launch("b"), TrainingJobStatus::Stopped, 1.0);  // early-stopped keeps its value
    Fixture::end(f.launch("c"), TrainingJobStatus::Completed, 3.0);
    const auto& counts = f.tally.refresh(f.jobs);
    EXPECT_EQ(counts.best_objective, direction == Objective::Minimize ? 1.0 : 3.0);
    EXPECT_EQ(counts.completed, 2);
    EXPECT_EQ(counts.failed, 0);
  }
}

TEST(ChildTally, ADeletedChildNoLongerCounts) {
  Fixture f;
  f.launch("gone");
  f.jobs.erase_training_job("gone");
  const auto& counts = f.tally.refresh(f.jobs);
  EXPECT_EQ(counts.running, 0);
  EXPECT_EQ(counts.completed, 0);
}

}  // namespace
}  // namespace emulator::tuning
