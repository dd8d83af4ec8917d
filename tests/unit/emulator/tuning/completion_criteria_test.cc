#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "emulator/tuning/early_stopping.h"
#include "tests/support/tuning_fixture.h"
#include "tests/support/tuning_request_builder.h"

namespace emulator::tuning {
namespace {

using Fixture = test_support::TuningFixture;

// Replays the children's objective values in completion order: how many completed jobs
// in a row, at the end, failed to beat the best so far by 1 %.
int trailing_not_improving(const model::TuningJob& job) {
  std::vector<const model::TrainingJob*> done;
  for (const auto* c : job.children) {
    if (c->status == model::TrainingJobStatus::Completed) done.push_back(c);
  }
  std::sort(done.begin(), done.end(), [](auto* a, auto* b) { return *a->training_end_time < *b->training_end_time; });
  std::optional<double> best;
  int streak = 0;
  for (const auto* c : done) {
    const double v = *c->objective_value;
    const bool improved = !best || v < *best - std::abs(*best) * 0.01;
    streak = improved ? 0 : streak + 1;
    if (!best || v < *best) best = v;
  }
  return streak;
}

TEST(TuningController, BestObjectiveNotImprovingEndsTheJobAfterThatManyJobs) {
  Fixture f;
  auto request = test_support::blog_request();
  request.config.resource_limits.max_number_of_training_jobs = 100;
  request.config.resource_limits.max_parallel_training_jobs = 1;
  request.config.max_jobs_not_improving = 3;
  const auto& job = f.create(request);
  f.run_to_end();
  EXPECT_EQ(job.status, model::HyperParameterTuningJobStatus::Completed);
  EXPECT_LT(job.children.size(), 100u);
  EXPECT_EQ(trailing_not_improving(job), 3);
  EXPECT_EQ(job.completion_details.jobs_not_improving, 3);
  EXPECT_FALSE(job.completion_details.convergence_detected_time.has_value());
}

TEST(TuningController, ConvergenceDetectedRecordsWhen) {
  Fixture f;
  auto request = test_support::blog_request();
  request.config.resource_limits.max_number_of_training_jobs = 200;
  request.config.resource_limits.max_parallel_training_jobs = 1;
  request.config.complete_on_convergence = true;
  const auto& job = f.create(request);
  f.run_to_end();
  EXPECT_LT(job.children.size(), 200u);
  EXPECT_EQ(trailing_not_improving(job), kConvergenceWindow);
  ASSERT_TRUE(job.completion_details.convergence_detected_time.has_value());
  EXPECT_EQ(*job.completion_details.convergence_detected_time, *job.end_time);
}

}  // namespace
}  // namespace emulator::tuning
