#pragma once

#include <compare>
#include <map>
#include <string>
#include <string_view>

#include "emulator/model/scope.h"
#include "emulator/model/training_job.h"
#include "emulator/model/tuning_job.h"
#include "emulator/store/sorted_jobs.h"

namespace emulator::store {

// Jobs of one scope, keyed by lower-cased name (SageMaker names are unique without regard to
// case), and filed in the orders the List operations walk. Pointers stay valid until erased.
// A job's status changes through restatus(), which files it anew.
class JobStore {
 public:
  model::TuningJob* find_tuning_job(std::string_view name);
  model::TrainingJob* find_training_job(std::string_view name);
  const model::TrainingJob* find_training_job(std::string_view name) const;
  // The name must be free.
  model::TuningJob& add_tuning_job(model::TuningJob job);
  model::TrainingJob& add_training_job(model::TrainingJob job);
  bool erase_tuning_job(std::string_view name);
  bool erase_training_job(std::string_view name);
  void restatus(model::TuningJob& job, model::HyperParameterTuningJobStatus status);
  void restatus(model::TrainingJob& job, model::TrainingJobStatus status);

  const SortedJobs<model::TuningJob>& sorted_tuning_jobs() const { return sorted_tuning_; }
  const SortedJobs<model::TrainingJob>& sorted_training_jobs() const { return sorted_training_; }

 private:
  std::map<std::string, model::TuningJob> tuning_jobs_;
  std::map<std::string, model::TrainingJob> training_jobs_;
  SortedJobs<model::TuningJob> sorted_tuning_;
  SortedJobs<model::TrainingJob> sorted_training_;
};

class Stores {
 public:
  JobStore& at(const model::Scope& scope) { return stores_[scope]; }
  // The scope as the stores keep it: a reference that lives as long as its store.
  const model::Scope& kept(const model::Scope& scope) { return stores_.try_emplace(scope).first->first; }
  const std::map<model::Scope, JobStore>& all() const { return stores_; }
  void clear() { stores_.clear(); }

 private:
  std::map<model::Scope, JobStore> stores_;
};

std::string lower_case(std::string_view text);

}  // namespace emulator::store
