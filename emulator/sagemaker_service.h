#pragma once

#include <string>
#include <string_view>

#include "emulator/errors.h"
#include "emulator/model/training_job.h"
#include "emulator/model/tuning_job.h"
#include "emulator/queries.h"
#include "emulator/store/job_store.h"
#include "emulator/tuning/tuning_summary.h"
#include "emulator/world.h"

namespace emulator {

struct TuningJobView {
  const model::TuningJob* job = nullptr;
  tuning::TuningProgress progress;
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

  sim::SimTime now() const { return world_.simulator().now(); }
  // Virtual time as the wire shows it: epoch seconds with millisecond precision.
  double epoch_seconds(sim::SimTime time) const;

 private:
  World& world_;
};

}  // namespace emulator
