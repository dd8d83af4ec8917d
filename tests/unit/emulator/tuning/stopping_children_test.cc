#include <gtest/gtest.h>

#include "emulator/telemetry/printed_output.h"
#include "emulator/tuning/early_stopping.h"
#include "emulator/tuning/tuning_summary.h"
#include "tests/support/tuning_fixture.h"
#include "tests/support/tuning_request_builder.h"

namespace emulator::tuning {
namespace {

using test_support::kScope;
using Fixture = test_support::TuningFixture;

TEST(EarlyStopping, AutoStopsChildrenWorseThanTheMedianAndKeepsTheirLastValue) {
  Fixture f;
  auto request = test_support::blog_request("early");
  request.config.early_stopping = model::TrainingJobEarlyStoppingType::Auto;
  request.config.resource_limits.max_number_of_training_jobs = 20;
  request.config.resource_limits.max_parallel_training_jobs = 2;
  const auto& job = f.create(request);
  f.run_to_end();
  EXPECT_EQ(job.status, model::HyperParameterTuningJobStatus::Completed);
  int stopped = 0;
  for (const auto* child : job.children) {
    const auto& c = *child;
    if (c.status != model::TrainingJobStatus::Stopped) continue;
    ++stopped;
    EXPECT_EQ(c.secondary_status, model::SecondaryStatus::Stopped);
    EXPECT_EQ(c.objective_status, model::ObjectiveStatus::Succeeded);
    ASSERT_EQ(c.final_metrics.size(), 1u);
    EXPECT_GT(c.launch_ordinal, 3);  // the rule needs three earlier jobs
  }
  EXPECT_GT(stopped, 0);
  auto summary = summarize(job);
  EXPECT_EQ(summary.training.stopped, stopped);
  EXPECT_EQ(summary.objective.succeeded, 20);
  int events = 0;
  for (const auto& e : test_support::rendered(f.world->timeline())) events += e.type == "early-stopped" ? 1 : 0;
  EXPECT_EQ(events, stopped);
}

// §3.3, §3.7: a child the tuning job stops (StopHyperParameterTuningJob here; limits and
// completion criteria stop them the same way) keeps what it printed; one that printed its
// objective has it as its final objective, counts as Succeeded and may be the best.
TEST(StoppedChildren, KeepTheObjectiveTheyPrintedAndMayBeTheBest) {
  Fixture f;
  auto request = test_support::blog_request("stop-mid");
  request.config.resource_limits.max_number_of_training_jobs = 4;
  request.config.resource_limits.max_parallel_training_jobs = 4;
  request.definitions[0].static_hyper_parameters["num_round"] = "1000";  // still training when stopped
  const auto& job = f.create(request);
  f.world->simulator().run_until(std::chrono::minutes(15));
  ASSERT_TRUE(f.world->tuning().stop(kScope, job.name).ok());
  f.run_to_end();
  ASSERT_EQ(job.status, model::HyperParameterTuningJobStatus::Stopped);
  int printed = 0;
  for (const auto* child : job.children) {
    const auto& c = *child;
    ASSERT_EQ(c.status, model::TrainingJobStatus::Stopped);
    const auto points = telemetry::metric_points(c, "validation:rmse", f.world->simulator().now());
    if (points.empty()) {
      EXPECT_EQ(c.objective_status, model::ObjectiveStatus::Failed) << c.name;
      continue;
    }
    ++printed;
    EXPECT_EQ(c.objective_status, model::ObjectiveStatus::Succeeded) << c.name;
    ASSERT_EQ(c.final_metrics.size(), 1u);
    EXPECT_EQ(c.final_metrics[0].value, points.back().value);
    EXPECT_EQ(c.objective_value, points.back().value);
  }
  ASSERT_GT(printed, 0);
  const auto summary = summarize(job);
  EXPECT_EQ(summary.training.stopped, 4);
  EXPECT_EQ(summary.objective.succeeded, printed);
  EXPECT_EQ(summary.objective.failed, 4 - printed);
  ASSERT_NE(summary.best, nullptr) << "a stopped child with an objective is eligible for BestTrainingJob";
  EXPECT_EQ(summary.best->status, model::TrainingJobStatus::Stopped);
}

TEST(Hyperband, StopsChildrenAtRungsAndNeedsMaxResource) {
  Fixture f;
  auto request = test_support::blog_request("hb");
  request.config.strategy = model::HyperParameterTuningJobStrategyType::Hyperband;
  request.config.resource_limits.max_number_of_training_jobs = 20;
  request.config.resource_limits.max_parallel_training_jobs = 2;
  auto refused = f.world->tuning().create(kScope, request);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("Unable to infer MaxResource"), std::string::npos);

  request.definitions[0].static_hyper_parameters["epochs"] = "27";
  const auto& job = f.create(request);
  f.run_to_end();
  EXPECT_EQ(job.status, model::HyperParameterTuningJobStatus::Completed);
  int stopped = 0;
  for (const auto& e : test_support::rendered(f.world->timeline())) {
    if (e.type != "early-stopped") continue;
    ++stopped;
    EXPECT_NE(e.message.find("Hyperband rung"), std::string::npos);
  }
  EXPECT_GT(stopped, 0);
  EXPECT_EQ(summarize(job).training.stopped, stopped);
}

}  // namespace
}  // namespace emulator::tuning
