#pragma once

#include "emulator/model/errors.h"
#include "emulator/model/training_request.h"
#include "emulator/objective/objective_library.h"
#include "emulator/training/launch.h"

namespace emulator::training {

// The semantic rules of CreateTrainingJob (§3.15 rows 25, 27, 34 and the classic-job
// requirement of an instance type and count) and the launch they resolve to. A plain
// training job has no fallback list: one configuration, retried on ICE until the window
// closes.

// StoppingCondition, for training jobs and tuning job definitions alike: MaxRuntimeInSeconds
// at most 28 days; with managed spot, MaxWaitTimeInSeconds covering MaxRuntimeInSeconds.
Status check_stopping_condition(int max_runtime_in_seconds, std::optional<int> max_wait_time_in_seconds,
                                bool managed_spot);

Result<LaunchRequest> resolve_training_request(const model::Scope& scope,
                                               const model::CreateTrainingJobRequest& request,
                                               const objective::ObjectiveLibrary& objectives, std::uint64_t seed);

}  // namespace emulator::training
