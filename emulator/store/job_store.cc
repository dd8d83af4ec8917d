#include "emulator/store/job_store.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace emulator::store {

std::string lower_case(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

model::TuningJob* JobStore::find_tuning_job(std::string_view name) {
  auto it = tuning_jobs_.find(lower_case(name));
  return it == tuning_jobs_.end() ? nullptr : &it->second;
}

model::TrainingJob* JobStore::find_training_job(std::string_view name) {
  auto it = training_jobs_.find(lower_case(name));
  return it == training_jobs_.end() ? nullptr : &it->second;
}

const model::TrainingJob* JobStore::find_training_job(std::string_view name) const {
  auto it = training_jobs_.find(lower_case(name));
  return it == training_jobs_.end() ? nullptr : &it->second;
}

model::TuningJob& JobStore::add_tuning_job(model::TuningJob job) {
  auto key = lower_case(job.name);
  auto& added = tuning_jobs_.try_emplace(std::move(key), std::move(job)).first->second;
  sorted_tuning_.add(added);
  return added;
}

model::TrainingJob& JobStore::add_training_job(model::TrainingJob job) {
  auto key = lower_case(job.name);
  auto& added = training_jobs_.try_emplace(std::move(key), std::move(job)).first->second;
  sorted_training_.add(added);
  return added;
}

bool JobStore::erase_tuning_job(std::string_view name) {
  auto it = tuning_jobs_.find(lower_case(name));
  if (it == tuning_jobs_.end()) return false;
  sorted_tuning_.remove(it->second);
  tuning_jobs_.erase(it);
  return true;
}

bool JobStore::erase_training_job(std::string_view name) {
  auto it = training_jobs_.find(lower_case(name));
  if (it == training_jobs_.end()) return false;
  sorted_training_.remove(it->second);
  training_jobs_.erase(it);
  return true;
}

void JobStore::restatus(model::TuningJob& job, model::HyperParameterTuningJobStatus status) {
  const auto before = std::exchange(job.status, status);
  if (before != status) sorted_tuning_.restatus(job, before);
}

void JobStore::restatus(model::TrainingJob& job, model::TrainingJobStatus status) {
  const auto before = std::exchange(job.status, status);
  if (before != status) sorted_training_.restatus(job, before);
}

}  // namespace emulator::store
