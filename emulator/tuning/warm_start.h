#pragma once

#include <vector>

#include "emulator/model/errors.h"
#include "emulator/model/tuning_request.h"
#include "emulator/store/job_store.h"
#include "emulator/strategies/strategy.h"
#include "emulator/tuning/quotas.h"
#include "emulator/tuning/request_rules.h"

namespace emulator::tuning {

// Checks a warm start's parents (§3.11: existing, terminal, same objective metric, the
// algorithm unchanged for IdenticalDataAndAlgorithm, their jobs within the job quota) and
// turns their completed children into observations of the new search, in the new job's
// unit cube. Parents' own parents are not used: warm start is not recursive.
Result<std::vector<strategies::Observation>> warm_start_history(
    store::JobStore& jobs, const model::CreateHyperParameterTuningJobRequest& request,
    const ResolvedTuningJob& resolved, const TuningQuotas& quotas);

// OverallBestTrainingJob: the best child of the job and of its parents (ties: the job's own).
const model::TrainingJob* overall_best(store::JobStore& jobs, const model::TuningJob& job,
                                       const model::TrainingJob* own_best);

}  // namespace emulator::tuning
