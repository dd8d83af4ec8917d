#pragma once

#include <string>

#include "emulator/model/errors.h"
#include "emulator/model/training_job.h"
#include "emulator/model/tuning_job.h"
#include "emulator/queries.h"
#include "emulator/store/job_store.h"
#include "emulator/views.h"

// The List operations' selection, order and pages (§3.13). The account-wide lists walk the
// store's sorted files, so a page costs its own length, however many jobs are stored; a
// tuning job's children are few enough to sort.
namespace emulator {

Result<Page<const model::TuningJob*>> list_tuning_jobs(const store::JobStore& jobs, const ListTuningJobsQuery& query,
                                                       const WireClock& clock);
Result<Page<const model::TrainingJob*>> list_training_jobs(const store::JobStore& jobs,
                                                           const ListTrainingJobsQuery& query, const WireClock& clock);
Result<Page<const model::TrainingJob*>> list_tuning_children(const model::TuningJob& tuning_job,
                                                             const ListTrainingJobsForTuningJobQuery& query);
// Any list of items in their own order, cut into pages by offset.
template <typename T>
Result<Page<T>> page_of(std::vector<T> items, const PageRequest& request, const std::string& query_text);

}  // namespace emulator
