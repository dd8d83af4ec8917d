#pragma once

#include "emulator/model/training_job.h"
#include "emulator/model/tuning_job.h"
#include "emulator/store/job_store.h"

namespace emulator::tuning {

// Counters and the best job, derived from the children's current records (§3.2, §3.7).
struct TuningProgress {
  model::TrainingJobStatusCounters training;
  model::ObjectiveStatusCounters objective;
  const model::TrainingJob* best = nullptr;
};

TuningProgress summarize(const model::TuningJob& job, store::JobStore& jobs);

// The objective the tuning job optimises: the config's, or (TrainingJobDefinitions) the
// definitions' common one.
std::optional<model::TuningObjective> objective_of(const model::CreateHyperParameterTuningJobRequest& request);

// ICE and service-side failures may be retried by the tuner; container and client errors not.
bool is_retryable_failure(const model::TrainingJob& job);

}  // namespace emulator::tuning
