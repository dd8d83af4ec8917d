#pragma once

#include <string>
#include <string_view>

#include "emulator/model/errors.h"
#include "emulator/model/scope.h"
#include "emulator/model/training_job.h"
#include "emulator/model/training_request.h"
#include "emulator/model/tuning_job.h"
#include "emulator/queries.h"
#include "emulator/views.h"

namespace emulator {

class World;

// The façade api/sagemaker calls: one method per supported SageMaker operation, each
// taking typed input and returning typed output or the AWS error. It cannot move the
// clock; that door is emulator::Control.
class SageMakerService {
 public:
  explicit SageMakerService(World& world) : world_(world) {}

  Result<std::string> create_hyper_parameter_tuning_job(const model::Scope& scope,
                                                        model::CreateHyperParameterTuningJobRequest request);
  Result<const model::TuningJob*> find_hyper_parameter_tuning_job(const model::Scope& scope, std::string_view name);
  // What DescribeHyperParameterTuningJob shows of a job: its record, its children's counters
  // and best, and the best of its warm-start parents'.
  TuningJobView view_of(const model::Scope& scope, const model::TuningJob& job);
  Result<TuningJobView> describe_hyper_parameter_tuning_job(const model::Scope& scope, std::string_view name);
  Result<Page<const model::TuningJob*>> list_hyper_parameter_tuning_jobs(const model::Scope& scope,
                                                                         const ListTuningJobsQuery& query);
  Status stop_hyper_parameter_tuning_job(const model::Scope& scope, std::string_view name);
  Result<Page<const model::TrainingJob*>> list_training_jobs_for_hyper_parameter_tuning_job(
      const model::Scope& scope, const ListTrainingJobsForTuningJobQuery& query);
  Result<const model::TrainingJob*> describe_training_job(const model::Scope& scope, std::string_view name);
  Result<Page<const model::TrainingJob*>> list_training_jobs(const model::Scope& scope,
                                                             const ListTrainingJobsQuery& query);
  Status stop_training_job(const model::Scope& scope, std::string_view name);
  Status delete_hyper_parameter_tuning_job(const model::Scope& scope, std::string_view name);
  Result<std::string> create_training_job(const model::Scope& scope, model::CreateTrainingJobRequest request);
  Status delete_training_job(const model::Scope& scope, std::string_view name);
  Result<std::string> update_training_job(const model::Scope& scope, std::string_view name, model::TrainingJobUpdate update);
  Result<std::vector<model::Tag>> add_tags(const model::Scope& scope, std::string_view arn, const std::vector<model::Tag>& tags);
  Result<Page<model::Tag>> list_tags(const model::Scope& scope, std::string_view arn, const PageRequest& page);
  Status delete_tags(const model::Scope& scope, std::string_view arn, const std::vector<std::string>& keys);

  WireClock clock() const;

 private:
  World& world_;
};

}  // namespace emulator
