#include "emulator/store/job_store.h"

#include <algorithm>
#include <cctype>

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

model::TuningJob& JobStore::add_tuning_job(model::TuningJob job) {
  auto key = lower_case(job.name);
  return tuning_jobs_.insert_or_assign(std::move(key), std::move(job)).first->second;
}

model::TrainingJob& JobStore::add_training_job(model::TrainingJob job) {
  auto key = lower_case(job.name);
  return training_jobs_.insert_or_assign(std::move(key), std::move(job)).first->second;
}

bool JobStore::erase_tuning_job(std::string_view name) {
  return tuning_jobs_.erase(lower_case(name)) > 0;
}

bool JobStore::erase_training_job(std::string_view name) {
  return training_jobs_.erase(lower_case(name)) > 0;
}

}  // namespace emulator::store
