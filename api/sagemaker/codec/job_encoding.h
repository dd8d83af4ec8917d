#pragma once

#include <string>

#include "api/sagemaker/codec/json_fields.h"
#include "emulator/model/scope.h"
#include "emulator/model/training_job.h"
#include "emulator/views.h"

// Typed jobs → the output shapes of the service model. Optional members without a value
// are omitted, never null (§1.4); required ones are always written (§4.7).
namespace api::sagemaker::codec {

class JobEncoder {
 public:
  // ARNs are those of `scope`, the caller's account and region.
  JobEncoder(emulator::WireClock clock, const emulator::model::Scope& scope) : clock_(clock), scope_(scope) {}

  std::string describe_tuning_job(const emulator::TuningJobView& view) const;
  std::string tuning_job_summary(const emulator::TuningJobView& view) const;
  std::string describe_training_job(const emulator::model::TrainingJob& job) const;
  std::string training_job_summary(const emulator::model::TrainingJob& job) const;
  // HyperParameterTrainingJobSummary: one child of a tuning job.
  std::string tuning_child_summary(const emulator::model::TrainingJob& job,
                                   const std::optional<emulator::model::TuningObjective>& objective) const;

  // What of an answer moves with virtual time alone: a running tuning job's RuntimeInSeconds,
  // a training job's warm-pool status and retained seconds (0 when nothing does).
  std::int64_t runtime_moment(const emulator::model::TuningJob& job) const;
  std::int64_t warm_pool_moment(const emulator::model::TrainingJob& job) const;

 private:
  double time(emulator::sim::SimTime t) const { return clock_.seconds(t); }
  std::string training_job_arn(const emulator::model::TrainingJob& job) const;
  Json counters(const emulator::model::TuningProgress& progress) const;
  Json child_summary(const emulator::model::TrainingJob& job,
                     const std::optional<emulator::model::TuningObjective>& objective) const;

  emulator::WireClock clock_;
  const emulator::model::Scope& scope_;
};

}  // namespace api::sagemaker::codec
