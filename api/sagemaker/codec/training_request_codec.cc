#include "api/sagemaker/codec/training_request_codec.h"

#include "api/sagemaker/codec/tuning_request_codec.h"

namespace api::sagemaker::codec {

namespace model = emulator::model;

model::CreateTrainingJobRequest decode_create_training_job(const Json& body) {
  model::CreateTrainingJobRequest request;
  request.name = string_or(body, "TrainingJobName");
  if (const Json* hp = member(body, "HyperParameters")) {
    for (auto it = hp->begin(); it != hp->end(); ++it) request.hyper_parameters[it.key()] = it.value().get<std::string>();
  }
  if (const Json* algorithm = member(body, "AlgorithmSpecification")) {
    request.has_algorithm_specification = true;
    auto fields = decode_algorithm(*algorithm);
    request.training_image = std::move(fields.training_image);
    request.algorithm_name = std::move(fields.algorithm_name);
    request.metric_definitions = std::move(fields.metric_definitions);
  }
  if (const Json* rc = member(body, "ResourceConfig")) request.resource_config = decode_resource_config(*rc);
  if (const Json* stopping = member(body, "StoppingCondition")) {
    request.max_runtime_in_seconds = optional_int(*stopping, "MaxRuntimeInSeconds").value_or(86400);
    request.max_wait_time_in_seconds = optional_int(*stopping, "MaxWaitTimeInSeconds");
  }
  if (const Json* spot = member(body, "EnableManagedSpotTraining")) request.enable_managed_spot_training = spot->get<bool>();
  request.has_checkpoint_config = member(body, "CheckpointConfig") != nullptr;
  if (const Json* output = member(body, "OutputDataConfig")) {
    request.s3_output_path = string_or(*output, "S3OutputPath");
    request.compressed_output = string_or(*output, "CompressionType") != "NONE";
  }
  request.tags = decode_tags(body);

  Json description = training_description_members(body);
  for (const char* name : {"DebugHookConfig", "DebugRuleConfigurations", "TensorBoardOutputConfig", "ExperimentConfig",
                           "ProfilerConfig", "ProfilerRuleConfigurations", "RemoteDebugConfig", "InfraCheckConfig",
                           "MlflowConfig", "ModelPackageConfig", "ServerlessJobConfig"}) {
    if (const Json* value = member(body, name)) description[name] = *value;
  }
  request.description = description.dump();
  return request;
}

emulator::model::TrainingJobUpdate decode_update_training_job(const Json& body, const std::string& current_description) {
  emulator::model::TrainingJobUpdate update;
  if (const Json* rc = member(body, "ResourceConfig")) {
    update.keep_alive_period_in_seconds = optional_int(*rc, "KeepAlivePeriodInSeconds");
  }
  const Json* profiler = member(body, "ProfilerConfig");
  const Json* rules = member(body, "ProfilerRuleConfigurations");
  const Json* remote_debug = member(body, "RemoteDebugConfig");
  update.changes_remote_debug = remote_debug != nullptr;
  if (profiler == nullptr && rules == nullptr && remote_debug == nullptr) return update;

  Json description = Json::parse(current_description.empty() ? "{}" : current_description);
  if (profiler != nullptr) {
    Json& merged = description["ProfilerConfig"];
    if (!merged.is_object()) merged = Json::object();
    for (auto it = profiler->begin(); it != profiler->end(); ++it) merged[it.key()] = it.value();
  }
  if (rules != nullptr) {
    Json& merged = description["ProfilerRuleConfigurations"];
    if (!merged.is_array()) merged = Json::array();
    for (const auto& rule : *rules) merged.push_back(rule);
  }
  if (remote_debug != nullptr) description["RemoteDebugConfig"] = *remote_debug;
  update.description = description.dump();
  return update;
}

}  // namespace api::sagemaker::codec
