#pragma once

#include "emulator/model/training_job.h"
#include "emulator/model/tuning_job.h"
#include "emulator/store/job_store.h"

namespace emulator::tuning {

// Counters and the best job, derived from the children's current records (§3.2, §3.7).
model::TuningProgress summarize(const model::TuningJob& job);

// ICE and service-side failures may be retried by the tuner; container and client errors not.
bool is_retryable_failure(const model::TrainingJob& job);

}  // namespace emulator::tuning
