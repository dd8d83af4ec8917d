#pragma once

#include <optional>
#include <string>

#include "emulator/model/training_job.h"

namespace emulator::model {

// WarmPoolStatus of a training job with ResourceConfig.KeepAlivePeriodInSeconds: InUse while
// it runs, Available for the keep-alive period after it completes, then Terminated; a job
// that failed or was stopped keeps no warm pool. Derived from the job and the time, so it
// can never disagree with them. Only such jobs have one (§3.3): the clusters a tuning job
// keeps warm between its children are its own business, shown on the timeline, not here.
// ReusedByJob is never set: a user's warm pool is not taken by another job here.
struct WarmPoolStatus {
  WarmPoolResourceStatus status = WarmPoolResourceStatus::Available;
  std::optional<int> resource_retained_billable_time_in_seconds;
};

std::optional<WarmPoolStatus> warm_pool_status(const model::TrainingJob& job, sim::SimTime now);

// An Available warm pool keeps a finished job from being deleted; only its retention may change.
bool holds_available_warm_pool(const model::TrainingJob& job, sim::SimTime now);

}  // namespace emulator::model
