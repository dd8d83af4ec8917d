#include "emulator/model/warm_pool_status.h"

#include <gtest/gtest.h>

namespace emulator::training {
namespace {

using namespace std::chrono_literals;

model::TrainingJob job_with(std::optional<int> keep_alive, model::TrainingJobStatus status) {
  model::TrainingJob job;
  job.keep_alive_period_in_seconds = keep_alive;
  job.status = status;
  job.training_end_time = sim::SimTime(1h);
  return job;
}

TEST(WarmPool, OnlyJobsWithAKeepAlivePeriodHaveOne) {
  EXPECT_FALSE(warm_pool_status(job_with(std::nullopt, model::TrainingJobStatus::Completed), 2h));
  EXPECT_FALSE(warm_pool_status(job_with(0, model::TrainingJobStatus::Completed), 2h));
}

TEST(WarmPool, InUseThenAvailableForTheKeepAlivePeriodThenTerminated) {
  EXPECT_EQ(warm_pool_status(job_with(600, model::TrainingJobStatus::InProgress), 30min)->status, "InUse");
  auto completed = job_with(600, model::TrainingJobStatus::Completed);
  auto available = warm_pool_status(completed, 1h + 100s);
  EXPECT_EQ(available->status, "Available");
  EXPECT_EQ(available->resource_retained_billable_time_in_seconds, 100);
  auto terminated = warm_pool_status(completed, 1h + 600s);
  EXPECT_EQ(terminated->status, "Terminated");
  EXPECT_EQ(terminated->resource_retained_billable_time_in_seconds, 600);
}

TEST(WarmPool, FailedOrStoppedJobsKeepNoPool) {
  EXPECT_EQ(warm_pool_status(job_with(600, model::TrainingJobStatus::Failed), 1h)->status, "Terminated");
  EXPECT_EQ(warm_pool_status(job_with(600, model::TrainingJobStatus::Stopped), 1h)->status, "Terminated");
}

}  // namespace
}  // namespace emulator::training
