#include "emulator/model/warm_pool_status.h"

#include <gtest/gtest.h>

namespace emulator::model {
namespace {

using namespace std::chrono_literals;

TrainingJob job_with(std::optional<int> keep_alive, TrainingJobStatus status) {
  TrainingJob job;
  job.keep_alive_period_in_seconds = keep_alive;
  job.status = status;
  job.training_end_time = sim::SimTime(1h);
  return job;
}

TEST(WarmPool, OnlyJobsWithAKeepAlivePeriodHaveOne) {
  EXPECT_FALSE(warm_pool_status(job_with(std::nullopt, TrainingJobStatus::Completed), 2h));
  EXPECT_FALSE(warm_pool_status(job_with(0, TrainingJobStatus::Completed), 2h));
}

TEST(WarmPool, InUseThenAvailableForTheKeepAlivePeriodThenTerminated) {
  EXPECT_EQ(warm_pool_status(job_with(600, TrainingJobStatus::InProgress), 30min)->status,
            WarmPoolResourceStatus::InUse);
  auto completed = job_with(600, TrainingJobStatus::Completed);
  auto available = warm_pool_status(completed, 1h + 100s);
  EXPECT_EQ(available->status, WarmPoolResourceStatus::Available);
  EXPECT_EQ(available->resource_retained_billable_time_in_seconds, 100);
  auto terminated = warm_pool_status(completed, 1h + 600s);
  EXPECT_EQ(terminated->status, WarmPoolResourceStatus::Terminated);
  EXPECT_EQ(terminated->resource_retained_billable_time_in_seconds, 600);
}

TEST(WarmPool, FailedOrStoppedJobsKeepNoPool) {
  EXPECT_EQ(warm_pool_status(job_with(600, TrainingJobStatus::Failed), 1h)->status, WarmPoolResourceStatus::Terminated);
  EXPECT_EQ(warm_pool_status(job_with(600, TrainingJobStatus::Stopped), 1h)->status,
            WarmPoolResourceStatus::Terminated);
}

}  // namespace
}  // namespace emulator::model
