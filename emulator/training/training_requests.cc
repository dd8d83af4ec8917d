#include "emulator/training/training_requests.h"

#include <memory>

#include "emulator/objective/objective_model.h"
#include "emulator/sim/rng.h"
#include "emulator/store/job_store.h"

namespace emulator::training {

Status check_stopping_condition(int max_runtime_in_seconds, std::optional<int> max_wait_time_in_seconds,
                                bool managed_spot) {
  constexpr int kMaxRuntimeInSeconds = 28 * 24 * 3600;
  if (max_runtime_in_seconds > kMaxRuntimeInSeconds) {
    return validation_error("MaxRuntimeInSeconds (" + std::to_string(max_runtime_in_seconds) +
                            ") must be less than or equal to " + std::to_string(kMaxRuntimeInSeconds) +
                            " seconds (28 days).");
  }
  if (managed_spot && (!max_wait_time_in_seconds || *max_wait_time_in_seconds < max_runtime_in_seconds)) {
    return validation_error(
        "MaxWaitTimeInSeconds must be specified and greater than or equal to MaxRuntimeInSeconds when managed "
        "spot training is enabled.");
  }
  return Done{};
}

Result<LaunchRequest> resolve_training_request(const model::Scope& scope,
                                               const model::CreateTrainingJobRequest& request,
                                               const objective::ObjectiveLibrary& objectives, std::uint64_t seed) {
  if (!request.has_algorithm_specification) {
    return validation_error("AlgorithmSpecification is required for a training job that is not serverless.");
  }
  if (request.training_image.has_value() == request.algorithm_name.has_value()) {
    return validation_error("Specify either TrainingImage or AlgorithmName, but not both.");
  }
  if (!request.resource_config) {
    return validation_error("ResourceConfig is required for a training job that is not serverless.");
  }
  const auto& rc = *request.resource_config;
  if (rc.has_instance_groups && (rc.instance_type || rc.instance_count)) {
    return validation_error("Specify either InstanceGroups or InstanceType and InstanceCount, but not both.");
  }
  if (rc.has_instance_groups) {
    return validation_error("InstanceGroups (heterogeneous clusters) are not supported by amt-emulator yet.");
  }
  if (!rc.instance_type || rc.instance_count.value_or(0) < 1) {
    return validation_error("ResourceConfig must specify InstanceType and an InstanceCount of at least 1.");
  }
  if (!rc.volume_size_in_gb || *rc.volume_size_in_gb < 1) {
    return validation_error("ResourceConfig must specify a VolumeSizeInGB of at least 1.");
  }
  if (auto checked = check_stopping_condition(request.max_runtime_in_seconds, request.max_wait_time_in_seconds,
                                              request.enable_managed_spot_training);
      !checked) {
    return checked.error();
  }

  LaunchRequest launch;
  launch.scope = scope;
  auto& plan = launch.plan;
  plan.candidates = {{*rc.instance_type, *rc.instance_count, *rc.volume_size_in_gb}};
  plan.capacity_type = request.enable_managed_spot_training ? capacity_model::CapacityType::Spot
                                                            : capacity_model::CapacityType::OnDemand;
  plan.checkpointing = request.has_checkpoint_config;
  plan.max_wait_time_in_seconds = request.max_wait_time_in_seconds;
  auto spec = std::make_shared<model::TrainingJobSpec>();
  spec->static_hyper_parameters = request.hyper_parameters;
  spec->s3_output_path = request.s3_output_path;
  spec->compressed_output = request.compressed_output;
  spec->volume_kms_key_id = rc.volume_kms_key_id;
  spec->max_runtime_in_seconds = request.max_runtime_in_seconds;
  spec->metric_definitions = request.metric_definitions;
  spec->description = std::make_shared<const model::RawJson>(request.description);
  auto& job = launch.job;
  job.name = request.name;
  job.spec = std::move(spec);
  job.keep_alive_period_in_seconds = rc.keep_alive_period_in_seconds;
  job.tags = request.tags;

  // The job prints each defined metric on its way to a value from the objective model; what
  // its regexes read of those lines is what it reports (§3.7).
  const std::string image = request.training_image.value_or(request.algorithm_name.value_or(""));
  const search::SearchSpace no_tuned_parameters;
  const std::vector<double> no_point;
  auto noise = sim::make_stream(seed, scope.account + "/" + scope.region + "/training/" + request.name);
  for (const auto& definition : request.metric_definitions) {
    const auto& metric = definition.name;
    const model::TuningObjective objective{model::HyperParameterTuningJobObjectiveType::Minimize, metric};
    const auto outcome = objective::evaluate({image, objective, request.hyper_parameters, no_tuned_parameters, no_point, &objectives}, noise);
    plan.trial.final_metrics.push_back({metric, outcome.objective_value, {}});
  }
  plan.trial.epochs = objective::epochs_of(request.hyper_parameters);
  const model::TuningObjective duration_probe{model::HyperParameterTuningJobObjectiveType::Minimize, "loss"};
  plan.trial.work_seconds =
      objective::evaluate({image, duration_probe, request.hyper_parameters, no_tuned_parameters, no_point, &objectives},
                          noise)
          .work_seconds;
  return launch;
}

}  // namespace emulator::training
