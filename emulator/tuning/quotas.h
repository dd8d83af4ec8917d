#pragma once

#include <string>

namespace emulator::tuning {

// Account-level service quotas of AMT (§3.12), adjustable per emulator instance because
// real accounts have them raised.
struct TuningQuotas {
  int max_training_jobs_per_tuning_job = 750;
  int max_parallel_training_jobs = 10;
  int max_concurrent_tuning_jobs = 100;
};

// SageMaker's wording for a ResourceLimitExceeded on an account-level limit.
std::string limit_exceeded_message(const std::string& limit_name, long long quota,
                                   long long utilization, long long delta);

}  // namespace emulator::tuning
