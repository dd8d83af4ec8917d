#pragma once

#include <string>
#include <string_view>

#include "emulator/errors.h"
#include "emulator/model/training_job.h"
#include "emulator/model/training_request.h"
#include "emulator/model/tuning_job.h"
#include "emulator/queries.h"
#include "emulator/store/job_store.h"
#include "emulator/tuning/tuning_summary.h"
#include "emulator/world.h"

namespace emulator {

// UpdateTrainingJob: what may change on a running job (§3.3).
struct TrainingJobUpdate {
  std::optional<model::RawJson> description;  // the job's description with the new members merged in
  std::optional<int> keep_alive_period_in_seconds;
  bool changes_remote_debug = false;

  bool only_keep_alive() const { return keep_alive_period_in_seconds && !description && !changes_remote_debug; }
};

struct TuningJobView {
  const model::TuningJob* job = nullptr;
  tuning::TuningProgress progress;
  const model::TrainingJob* overall_best = nullptr;  // warm start IdenticalDataAndAlgorithm only
};

// The façade api/sagemaker calls: one method per supported SageMaker operation, each
// taking typed input and returning typed output or the AWS error. It cannot move the
// clock; that door is emulator::Control.
class SageMakerService {
 public:
  explicit SageMakerService(World& world) : world_(world) {}

  Result<std::string> create_hyper_parameter_tuning_job(const store::Scope& scope,
                                                        model::CreateHyperParameterTuningJobRequest request);
  Result<TuningJobView> describe_hyper_parameter_tuning_job(const store::Scope& scope, std::string_view name);
  Result<Page<TuningJobView>> list_hyper_parameter_tuning_jobs(const store::Scope& scope,
                                                               const ListTuningJobsQuery& query);
  Status stop_hyper_parameter_tuning_job(const store::Scope& scope, std::string_view name);
  Result<Page<const model::TrainingJob*>> list_training_jobs_for_hyper_parameter_tuning_job(
      const store::Scope& scope, const ListTrainingJobsForTuningJobQuery& query);
  Result<const model::TrainingJob*> describe_training_job(const store::Scope& scope, std::string_view name);
  Result<Page<const model::TrainingJob*>> list_training_jobs(const store::Scope& scope,
                                                             const ListTrainingJobsQuery& query);
  Status stop_training_job(const store::Scope& scope, std::string_view name);
  Status delete_hyper_parameter_tuning_job(const store::Scope& scope, std::string_view name);
  Result<std::string> create_training_job(const store::Scope& scope, model::CreateTrainingJobRequest request);
  Status delete_training_job(const store::Scope& scope, std::string_view name);
  Result<std::string> update_training_job(const store::Scope& scope, std::string_view name, TrainingJobUpdate update);
  Result<std::vector<model::Tag>> add_tags(const store::Scope& scope, std::string_view arn, const std::vector<model::Tag>& tags);
  Result<Page<model::Tag>> list_tags(const store::Scope& scope, std::string_view arn, const PageRequest& page);
  Status delete_tags(const store::Scope& scope, std::string_view arn, const std::vector<std::string>& keys);

  sim::SimTime now() const { return world_.simulator().now(); }
  // Virtual time as the wire shows it: epoch seconds with millisecond precision.
  double epoch_seconds(sim::SimTime time) const;

 private:
  World& world_;
};

}  // namespace emulator
