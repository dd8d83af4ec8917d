#pragma once

#include <optional>
#include <string>

#include "emulator/model/training_job.h"

namespace emulator::model {

// WarmPoolStatus of a training job with ResourceConfig.KeepAlivePeriodInSeconds: InUse while
// it runs, Available for the keep-alive period after it completes, then Terminated; a job
// that failed or was stopped keeps no warm pool. Derived from the job and the time, so it
// can never disagree with them. A tuning job's child keeps its cluster warm for the next
// child: Available, then Reused (by ReusedByJob) or Terminated.
struct WarmPoolStatus {
  WarmPoolResourceStatus status = WarmPoolResourceStatus::Available;
  std::optional<int> resource_retained_billable_time_in_seconds;
  std::optional<std::string> reused_by_job;
};

std::optional<WarmPoolStatus> warm_pool_status(const model::TrainingJob& job, sim::SimTime now);

// An Available warm pool keeps a finished job from being deleted; only its retention may change.
bool holds_available_warm_pool(const model::TrainingJob& job, sim::SimTime now);

}  // namespace emulator::model
