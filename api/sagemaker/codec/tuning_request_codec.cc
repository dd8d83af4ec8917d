#include "api/sagemaker/codec/tuning_request_codec.h"

#include "emulator/model/autotune.h"
#include "emulator/sim/rng.h"

namespace api::sagemaker::codec {
namespace {

namespace model = emulator::model;

constexpr const char* kTuningObjectiveKey = "_tuning_objective_metric";

template <typename E>
E enum_or(const Json& object, std::string_view name, E fallback) {
  auto text = optional_string(object, name);
  if (!text) return fallback;
  return model::parse<E>(*text).value_or(fallback);
}

model::TuningObjective decode_objective(const Json& json) {
  return {enum_or(json, "Type", model::HyperParameterTuningJobObjectiveType::Minimize),
          string_or(json, "MetricName")};
}

model::ParameterRanges decode_ranges(const Json& json) {
  model::ParameterRanges ranges;
  if (const Json* list = member(json, "IntegerParameterRanges")) {
    for (const auto& r : *list) {
      ranges.integer_ranges.push_back({string_or(r, "Name"), string_or(r, "MinValue"), string_or(r, "MaxValue"),
                                       enum_or(r, "ScalingType", model::HyperParameterScalingType::Auto)});
    }
  }
  if (const Json* list = member(json, "ContinuousParameterRanges")) {
    for (const auto& r : *list) {
      ranges.continuous_ranges.push_back({string_or(r, "Name"), string_or(r, "MinValue"), string_or(r, "MaxValue"),
                                          enum_or(r, "ScalingType", model::HyperParameterScalingType::Auto)});
    }
  }
  if (const Json* list = member(json, "CategoricalParameterRanges")) {
    for (const auto& r : *list) {
      model::CategoricalParameterRange range{string_or(r, "Name"), {}};
      if (const Json* values = member(r, "Values")) {
        for (const auto& v : *values) range.values.push_back(v.get<std::string>());
      }
      ranges.categorical_ranges.push_back(std::move(range));
    }
  }
  if (const Json* list = member(json, "AutoParameters")) {
    for (const auto& p : *list) ranges.auto_parameters.push_back({string_or(p, "Name"), string_or(p, "ValueHint")});
  }
  return ranges;
}

template <typename Range>
Json bounded_ranges(const std::vector<Range>& ranges) {
  Json out = Json::array();
  for (const auto& r : ranges) {
    out.push_back({{"Name", r.name},
                   {"MinValue", r.min_value},
                   {"MaxValue", r.max_value},
                   {"ScalingType", std::string(model::to_string(r.scaling_type))}});
  }
  return out;
}

// The ranges Autotune resolved, as Describe shows them: the caller's AutoParameters stay
// beside the ranges derived from them.
Json described_ranges(const model::ParameterRanges& ranges, const Json* sent) {
  Json out = {{"IntegerParameterRanges", bounded_ranges(ranges.integer_ranges)},
              {"ContinuousParameterRanges", bounded_ranges(ranges.continuous_ranges)},
              {"CategoricalParameterRanges", Json::array()}};
  for (const auto& r : ranges.categorical_ranges) {
    out["CategoricalParameterRanges"].push_back({{"Name", r.name}, {"Values", r.values}});
  }
  if (const Json* auto_parameters = sent != nullptr ? member(*sent, "AutoParameters") : nullptr) {
    out["AutoParameters"] = *auto_parameters;
  }
  return out;
}

model::HyperParameters decode_map(const Json* json) {
  model::HyperParameters map;
  if (json == nullptr) return map;
  for (auto it = json->begin(); it != json->end(); ++it) map[it.key()] = it.value().get<std::string>();
  return map;
}

// The three range lists are always present, and bounded ranges carry their ScalingType.
Json normalised_ranges(const Json* ranges) {
  Json out = ranges != nullptr ? *ranges : Json::object();
  for (const char* list : {"IntegerParameterRanges", "ContinuousParameterRanges", "CategoricalParameterRanges"}) {
    if (!out.contains(list) || out[list].is_null()) out[list] = Json::array();
  }
  for (const char* list : {"IntegerParameterRanges", "ContinuousParameterRanges"}) {
    for (auto& range : out[list]) {
      if (!range.contains("ScalingType")) range["ScalingType"] = "Auto";
    }
  }
  return out;
}

// The SageMaker Python SDK sends HyperParameterTuningResourceConfig (the flat form when no
// InstanceConfigs are given), and its attach() reads TrainingJobDefinition.ResourceConfig from
// the description: SageMaker must return one. For InstanceConfigs nothing documents which: the
// first, most preferred, configuration (each child's DescribeTrainingJob shows what it got).
Json resource_config_of(const Json& tuning_resource_config) {
  const Json* configs = member(tuning_resource_config, "InstanceConfigs");
  const Json& source =
      configs != nullptr && configs->is_array() && !configs->empty() ? (*configs)[0] : tuning_resource_config;
  Json out = Json::object();
  for (const char* name : {"InstanceType", "InstanceCount", "VolumeSizeInGB"}) {
    if (const Json* value = member(source, name)) out[name] = *value;
  }
  if (const Json* key = member(tuning_resource_config, "VolumeKmsKeyId")) out["VolumeKmsKeyId"] = *key;
  return out;
}

Json normalised_definition(const Json& definition, const std::string& objective_metric, bool definition_list) {
  Json out = definition;
  auto& statics = out["StaticHyperParameters"];
  if (statics.is_null()) statics = Json::object();
  statics[kTuningObjectiveKey] = objective_metric;
  auto& algorithm = out["AlgorithmSpecification"];
  if (algorithm.is_object() && !algorithm.contains("MetricDefinitions")) algorithm["MetricDefinitions"] = Json::array();
  if (out.contains("HyperParameterTuningResourceConfig")) {
    auto& trc = out["HyperParameterTuningResourceConfig"];
    if (trc.contains("InstanceConfigs") && !trc.contains("AllocationStrategy")) trc["AllocationStrategy"] = "Prioritized";
    if (!out.contains("ResourceConfig")) out["ResourceConfig"] = resource_config_of(trc);
  }
  if (definition_list) out["HyperParameterRanges"] = normalised_ranges(member(definition, "HyperParameterRanges"));
  return out;
}

std::uint64_t grid_combinations(const Json& ranges) {
  std::uint64_t product = 1;
  if (const Json* list = member(ranges, "CategoricalParameterRanges")) {
    for (const auto& r : *list) {
      if (const Json* values = member(r, "Values")) product *= values->size();
    }
  }
  return product;
}

model::HyperParameterTrainingJobDefinition decode_definition(const Json& json, const std::string& objective_metric) {
  model::HyperParameterTrainingJobDefinition def;
  def.definition_name = optional_string(json, "DefinitionName");
  if (const Json* objective = member(json, "TuningObjective")) def.tuning_objective = decode_objective(*objective);
  if (const Json* ranges = member(json, "HyperParameterRanges")) def.hyper_parameter_ranges = decode_ranges(*ranges);
  def.static_hyper_parameters = decode_map(member(json, "StaticHyperParameters"));
  def.static_hyper_parameters.erase(kTuningObjectiveKey);  // AMT adds its own (§3.6)
  if (const Json* algorithm = member(json, "AlgorithmSpecification")) {
    auto fields = decode_algorithm(*algorithm);
    def.training_image = std::move(fields.training_image);
    def.algorithm_name = std::move(fields.algorithm_name);
    def.metric_definitions = std::move(fields.metric_definitions);
  }
  if (const Json* rc = member(json, "ResourceConfig")) def.resource_config = decode_resource_config(*rc);
  if (const Json* trc = member(json, "HyperParameterTuningResourceConfig")) {
    model::HyperParameterTuningResourceConfig config;
    config.instance_type = optional_string(*trc, "InstanceType");
    config.instance_count = optional_int(*trc, "InstanceCount");
    config.volume_size_in_gb = optional_int(*trc, "VolumeSizeInGB");
    config.volume_kms_key_id = optional_string(*trc, "VolumeKmsKeyId");
    if (const Json* configs = member(*trc, "InstanceConfigs")) {
      for (const auto& c : *configs) {
        config.instance_configs.push_back(
            {string_or(c, "InstanceType"), optional_int(c, "InstanceCount").value_or(0),
             optional_int(c, "VolumeSizeInGB").value_or(0)});
      }
    }
    def.tuning_resource_config = config;
  }
  if (const Json* stopping = member(json, "StoppingCondition")) {
    def.max_runtime_in_seconds = optional_int(*stopping, "MaxRuntimeInSeconds").value_or(86400);
    def.max_wait_time_in_seconds = optional_int(*stopping, "MaxWaitTimeInSeconds");
  }
  if (const Json* spot = member(json, "EnableManagedSpotTraining")) def.enable_managed_spot_training = spot->get<bool>();
  def.has_checkpoint_config = member(json, "CheckpointConfig") != nullptr;
  if (const Json* input = member(json, "InputDataConfig")) {
    def.input_data_fingerprint = emulator::sim::stable_hash(input->dump());
  }
  if (const Json* output = member(json, "OutputDataConfig")) {
    def.s3_output_path = string_or(*output, "S3OutputPath");
    def.compressed_output = string_or(*output, "CompressionType") != "NONE";
  }
  (void)objective_metric;
  return def;
}

// What Autotune chose, shown where Describe shows what the caller chose.
void describe_autotune(const model::CreateHyperParameterTuningJobRequest& request, const Json& body,
                       Json& description) {
  auto& config = description["HyperParameterTuningJobConfig"];
  const auto& typed = request.config;
  if (typed.parameter_ranges && !request.uses_definition_list) {
    config["ParameterRanges"] =
        described_ranges(*typed.parameter_ranges, member(body["HyperParameterTuningJobConfig"], "ParameterRanges"));
  }
  if (typed.resource_limits.max_number_of_training_jobs) {
    config["ResourceLimits"]["MaxNumberOfTrainingJobs"] = *typed.resource_limits.max_number_of_training_jobs;
  }
  if (typed.complete_on_convergence && !typed.convergence_given) {
    config["TuningJobCompletionCriteria"]["ConvergenceDetected"]["CompleteOnConvergence"] = "Enabled";
  }
  for (std::size_t d = 0; d < request.definitions.size(); ++d) {
    const auto& def = request.definitions[d];
    Json& out =
        request.uses_definition_list ? description["TrainingJobDefinitions"][d] : description["TrainingJobDefinition"];
    // Hints that are no number run fixed: they join the static hyperparameters.
    for (const auto& [name, value] : def.static_hyper_parameters) out["StaticHyperParameters"][name] = value;
    if (request.uses_definition_list && def.hyper_parameter_ranges) {
      out["HyperParameterRanges"] = described_ranges(*def.hyper_parameter_ranges,
                                                     member(body["TrainingJobDefinitions"][d], "HyperParameterRanges"));
    }
  }
}

}  // namespace

model::ResourceConfig decode_resource_config(const Json& rc) {
  model::ResourceConfig config;
  config.instance_type = optional_string(rc, "InstanceType");
  config.instance_count = optional_int(rc, "InstanceCount");
  config.volume_size_in_gb = optional_int(rc, "VolumeSizeInGB");
  config.volume_kms_key_id = optional_string(rc, "VolumeKmsKeyId");
  config.keep_alive_period_in_seconds = optional_int(rc, "KeepAlivePeriodInSeconds");
  const Json* groups = member(rc, "InstanceGroups");
  config.has_instance_groups = groups != nullptr && !groups->empty();
  return config;
}

AlgorithmFields decode_algorithm(const Json& algorithm) {
  AlgorithmFields fields;
  fields.training_image = optional_string(algorithm, "TrainingImage");
  fields.algorithm_name = optional_string(algorithm, "AlgorithmName");
  if (const Json* metrics = member(algorithm, "MetricDefinitions")) {
    for (const auto& m : *metrics) fields.metric_definitions.push_back({string_or(m, "Name"), string_or(m, "Regex")});
  }
  return fields;
}

std::vector<model::Tag> decode_tags(const Json& body) {
  std::vector<model::Tag> tags;
  if (const Json* list = member(body, "Tags")) {
    for (const auto& t : *list) tags.push_back({string_or(t, "Key"), string_or(t, "Value")});
  }
  return tags;
}

std::string training_description(const model::TrainingJob& job) {
  if (job.updated_description) return *job.updated_description;
  const auto& spec = *job.spec;
  if (!spec.description) return "{}";
  if (!spec.definition_in_request) return *spec.description;
  // A child: the members of its definition in its tuning job's normalised request.
  const Json request = Json::parse(*spec.description);
  const Json* list = member(request, "TrainingJobDefinitions");
  const Json* definition =
      list != nullptr ? &(*list)[*spec.definition_in_request] : member(request, "TrainingJobDefinition");
  return definition != nullptr ? training_description_members(*definition).dump() : "{}";
}

Json training_description_members(const Json& definition) {
  Json out = Json::object();
  if (const Json* algorithm = member(definition, "AlgorithmSpecification")) {
    Json spec = *algorithm;
    if (!spec.contains("MetricDefinitions")) spec["MetricDefinitions"] = Json::array();
    if (!spec.contains("EnableSageMakerMetricsTimeSeries")) spec["EnableSageMakerMetricsTimeSeries"] = false;
    out["AlgorithmSpecification"] = std::move(spec);
  }
  for (const char* name : {"RoleArn", "InputDataConfig", "OutputDataConfig", "VpcConfig", "CheckpointConfig",
                           "RetryStrategy", "Environment"}) {
    if (const Json* value = member(definition, name)) out[name] = *value;
  }
  Json stopping = member(definition, "StoppingCondition") ? definition["StoppingCondition"] : Json::object();
  if (!stopping.contains("MaxRuntimeInSeconds")) stopping["MaxRuntimeInSeconds"] = 86400;
  out["StoppingCondition"] = std::move(stopping);
  for (const char* flag : {"EnableNetworkIsolation", "EnableInterContainerTrafficEncryption", "EnableManagedSpotTraining"}) {
    const Json* value = member(definition, flag);
    out[flag] = value != nullptr && value->is_boolean() ? value->get<bool>() : false;
  }
  return out;
}

emulator::Result<model::CreateHyperParameterTuningJobRequest> decode_create_tuning_job(const Json& body) {
  model::CreateHyperParameterTuningJobRequest request;
  request.name = string_or(body, "HyperParameterTuningJobName");
  const Json* single = member(body, "TrainingJobDefinition");
  const Json* list = member(body, "TrainingJobDefinitions");
  if ((single == nullptr) == (list == nullptr)) {
    return emulator::validation_error("Exactly one of TrainingJobDefinition or TrainingJobDefinitions must be provided.");
  }
  request.uses_definition_list = list != nullptr;
  if (const Json* warm = member(body, "WarmStartConfig")) {
    model::WarmStartConfig config;
    config.identical_data_and_algorithm = string_or(*warm, "WarmStartType") == "IdenticalDataAndAlgorithm";
    if (const Json* parents = member(*warm, "ParentHyperParameterTuningJobs")) {
      for (const auto& p : *parents) config.parent_names.push_back(string_or(p, "HyperParameterTuningJobName"));
    }
    request.warm_start = std::move(config);
  }
  request.tags = decode_tags(body);
  if (const Json* autotune = member(body, "Autotune")) request.autotune = string_or(*autotune, "Mode") == "Enabled";

  const Json& config_json = body["HyperParameterTuningJobConfig"];
  auto& config = request.config;
  config.strategy = enum_or(config_json, "Strategy", model::HyperParameterTuningJobStrategyType::Bayesian);
  if (const Json* objective = member(config_json, "HyperParameterTuningJobObjective")) {
    config.objective = decode_objective(*objective);
  }
  if (const Json* limits = member(config_json, "ResourceLimits")) {
    config.resource_limits.max_number_of_training_jobs = optional_int(*limits, "MaxNumberOfTrainingJobs");
    config.resource_limits.max_parallel_training_jobs = optional_int(*limits, "MaxParallelTrainingJobs").value_or(1);
    config.resource_limits.max_runtime_in_seconds = optional_int(*limits, "MaxRuntimeInSeconds");
  }
  if (const Json* ranges = member(config_json, "ParameterRanges")) config.parameter_ranges = decode_ranges(*ranges);
  config.early_stopping = enum_or(config_json, "TrainingJobEarlyStoppingType", model::TrainingJobEarlyStoppingType::Off);
  if (const Json* criteria = member(config_json, "TuningJobCompletionCriteria")) {
    config.target_objective_metric_value = optional_double(*criteria, "TargetObjectiveMetricValue");
    if (const Json* not_improving = member(*criteria, "BestObjectiveNotImproving")) {
      config.max_jobs_not_improving = optional_int(*not_improving, "MaxNumberOfTrainingJobsNotImproving");
    }
    if (const Json* convergence = member(*criteria, "ConvergenceDetected")) {
      config.convergence_given = true;
      config.complete_on_convergence = string_or(*convergence, "CompleteOnConvergence") == "Enabled";
    }
  }
  config.random_seed = optional_long(config_json, "RandomSeed");
  if (const Json* strategy_config = member(config_json, "StrategyConfig")) {
    config.has_strategy_config = true;
    if (const Json* hyperband = member(*strategy_config, "HyperbandStrategyConfig")) {
      config.hyperband_min_resource = optional_int(*hyperband, "MinResource");
      config.hyperband_max_resource = optional_int(*hyperband, "MaxResource");
    }
  }

  std::string objective_metric = config.objective ? config.objective->metric_name : std::string();
  if (list != nullptr) {
    for (const auto& def : *list) {
      std::string metric = objective_metric;
      if (const Json* o = member(def, "TuningObjective")) metric = string_or(*o, "MetricName");
      request.definitions.push_back(decode_definition(def, metric));
    }
  } else {
    request.definitions.push_back(decode_definition(*single, objective_metric));
  }
  if (auto resolved = model::apply_autotune(request); !resolved) return resolved.error();

  // What DescribeHyperParameterTuningJob returns about the request, normalised once here.
  Json description = Json::object();
  Json normal_config = config_json;
  if (!normal_config.contains("TrainingJobEarlyStoppingType")) normal_config["TrainingJobEarlyStoppingType"] = "Off";
  if (!request.uses_definition_list || normal_config.contains("ParameterRanges")) {
    normal_config["ParameterRanges"] = normalised_ranges(member(config_json, "ParameterRanges"));
  }
  if (config.strategy == model::HyperParameterTuningJobStrategyType::Grid &&
      !config.resource_limits.max_number_of_training_jobs) {
    std::uint64_t combinations = 0;
    if (list != nullptr) {
      for (const auto& def : *list) combinations += grid_combinations(def.value("HyperParameterRanges", Json::object()));
    } else {
      combinations = grid_combinations(normal_config["ParameterRanges"]);
    }
    normal_config["ResourceLimits"]["MaxNumberOfTrainingJobs"] = combinations;
  }
  description["HyperParameterTuningJobConfig"] = std::move(normal_config);
  if (list != nullptr) {
    Json defs = Json::array();
    for (const auto& def : *list) {
      std::string metric = objective_metric;
      if (const Json* o = member(def, "TuningObjective")) metric = string_or(*o, "MetricName");
      defs.push_back(normalised_definition(def, metric, true));
    }
    description["TrainingJobDefinitions"] = std::move(defs);
  } else {
    description["TrainingJobDefinition"] = normalised_definition(*single, objective_metric, false);
  }
  for (const char* name : {"WarmStartConfig", "Autotune"}) {
    if (const Json* value = member(body, name)) description[name] = *value;
  }
  if (request.autotune) describe_autotune(request, body, description);
  auto text = description.dump();
  text.shrink_to_fit();  // kept as long as the job: without the slack dump() grew it with
  request.description = std::make_shared<const model::RawJson>(std::move(text));
  return request;
}

}  // namespace api::sagemaker::codec
