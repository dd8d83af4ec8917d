#include "emulator/model/tuning_request_state.h"

#include "capacity_model/snapshot_json.h"
#include "emulator/model/value_state.h"

namespace emulator::model {

using capacity_model::snapshot::value_of;

using namespace snapshot;

namespace {

template <typename Range>
json bounded_range_to_json(const Range& range) {
  return {{"name", range.name},
          {"min_value", range.min_value},
          {"max_value", range.max_value},
          {"scaling_type", enum_to_json(range.scaling_type)}};
}

template <typename Range>
Range bounded_range_from_json(const json& in) {
  return {in.at("name").get<std::string>(), in.at("min_value").get<std::string>(),
          in.at("max_value").get<std::string>(), enum_from_json<HyperParameterScalingType>(in.at("scaling_type"))};
}

json ranges_to_json(const ParameterRanges& ranges) {
  return {
      {"integer", array_of(ranges.integer_ranges, bounded_range_to_json<IntegerParameterRange>)},
      {"continuous", array_of(ranges.continuous_ranges, bounded_range_to_json<ContinuousParameterRange>)},
      {"categorical", array_of(ranges.categorical_ranges,
                               [](const auto& r) {
                                 return json{{"name", r.name}, {"values", r.values}};
                               })},
      {"auto", array_of(ranges.auto_parameters,
                        [](const auto& p) {
                          return json{{"name", p.name}, {"value_hint", p.value_hint}};
                        })},
  };
}

ParameterRanges ranges_from_json(const json& in) {
  ParameterRanges ranges;
  ranges.integer_ranges = vector_of(in.at("integer"), bounded_range_from_json<IntegerParameterRange>);
  ranges.continuous_ranges = vector_of(in.at("continuous"), bounded_range_from_json<ContinuousParameterRange>);
  ranges.categorical_ranges = vector_of(in.at("categorical"), [](const json& r) {
    return CategoricalParameterRange{r.at("name").get<std::string>(), r.at("values").get<std::vector<std::string>>()};
  });
  ranges.auto_parameters = vector_of(in.at("auto"), [](const json& p) {
    return AutoParameter{p.at("name").get<std::string>(), p.at("value_hint").get<std::string>()};
  });
  return ranges;
}

json objective_to_json(const TuningObjective& objective) {
  return {{"type", enum_to_json(objective.type)}, {"metric_name", objective.metric_name}};
}

TuningObjective objective_from_json(const json& in) {
  return {enum_from_json<HyperParameterTuningJobObjectiveType>(in.at("type")), in.at("metric_name").get<std::string>()};
}

json config_to_json(const HyperParameterTuningJobConfig& config) {
  json out = {{"strategy", enum_to_json(config.strategy)},
              {"max_parallel_training_jobs", config.resource_limits.max_parallel_training_jobs},
              {"early_stopping", enum_to_json(config.early_stopping)},
              {"complete_on_convergence", config.complete_on_convergence},
              {"convergence_given", config.convergence_given},
              {"has_strategy_config", config.has_strategy_config}};
  put_optional(out, "objective", config.objective, objective_to_json);
  put_optional(out, "max_number_of_training_jobs", config.resource_limits.max_number_of_training_jobs);
  put_optional(out, "max_runtime_in_seconds", config.resource_limits.max_runtime_in_seconds);
  put_optional(out, "parameter_ranges", config.parameter_ranges, ranges_to_json);
  put_optional(out, "target_objective_metric_value", config.target_objective_metric_value, number_to_json);
  put_optional(out, "max_jobs_not_improving", config.max_jobs_not_improving);
  put_optional(out, "random_seed", config.random_seed);
  put_optional(out, "hyperband_min_resource", config.hyperband_min_resource);
  put_optional(out, "hyperband_max_resource", config.hyperband_max_resource);
  return out;
}

HyperParameterTuningJobConfig config_from_json(const json& in) {
  HyperParameterTuningJobConfig config;
  config.strategy = enum_from_json<HyperParameterTuningJobStrategyType>(in.at("strategy"));
  config.objective = get_optional(in, "objective", objective_from_json);
  config.resource_limits.max_number_of_training_jobs = get_optional<int>(in, "max_number_of_training_jobs");
  config.resource_limits.max_parallel_training_jobs = value_of<int>(in.at("max_parallel_training_jobs"));
  config.resource_limits.max_runtime_in_seconds = get_optional<int>(in, "max_runtime_in_seconds");
  config.parameter_ranges = get_optional(in, "parameter_ranges", ranges_from_json);
  config.early_stopping = enum_from_json<TrainingJobEarlyStoppingType>(in.at("early_stopping"));
  config.target_objective_metric_value = get_optional(in, "target_objective_metric_value", number_from_json);
  config.max_jobs_not_improving = get_optional<int>(in, "max_jobs_not_improving");
  config.complete_on_convergence = in.at("complete_on_convergence").get<bool>();
  config.convergence_given = in.at("convergence_given").get<bool>();
  config.random_seed = get_optional<std::int64_t>(in, "random_seed");
  config.has_strategy_config = in.at("has_strategy_config").get<bool>();
  config.hyperband_min_resource = get_optional<int>(in, "hyperband_min_resource");
  config.hyperband_max_resource = get_optional<int>(in, "hyperband_max_resource");
  return config;
}

// The members ResourceConfig and HyperParameterTuningResourceConfig have alike.
template <typename Config>
void put_instance_members(json& out, const Config& c) {
  put_optional(out, "instance_type", c.instance_type);
  put_optional(out, "instance_count", c.instance_count);
  put_optional(out, "volume_size_in_gb", c.volume_size_in_gb);
  put_optional(out, "volume_kms_key_id", c.volume_kms_key_id);
}

template <typename Config>
void get_instance_members(const json& in, Config& c) {
  c.instance_type = get_optional<std::string>(in, "instance_type");
  c.instance_count = get_optional<int>(in, "instance_count");
  c.volume_size_in_gb = get_optional<int>(in, "volume_size_in_gb");
  c.volume_kms_key_id = get_optional<std::string>(in, "volume_kms_key_id");
}

json resource_config_to_json(const ResourceConfig& c) {
  json out = {{"has_instance_groups", c.has_instance_groups}};
  put_instance_members(out, c);
  put_optional(out, "keep_alive_period_in_seconds", c.keep_alive_period_in_seconds);
  return out;
}

ResourceConfig resource_config_from_json(const json& in) {
  ResourceConfig c;
  get_instance_members(in, c);
  c.keep_alive_period_in_seconds = get_optional<int>(in, "keep_alive_period_in_seconds");
  c.has_instance_groups = in.at("has_instance_groups").get<bool>();
  return c;
}

json tuning_resource_config_to_json(const HyperParameterTuningResourceConfig& c) {
  json out = {{"instance_configs", array_of(c.instance_configs, instance_config_to_json)}};
  put_instance_members(out, c);
  return out;
}

HyperParameterTuningResourceConfig tuning_resource_config_from_json(const json& in) {
  HyperParameterTuningResourceConfig c;
  get_instance_members(in, c);
  c.instance_configs = vector_of(in.at("instance_configs"), instance_config_from_json);
  return c;
}

json definition_to_json(const HyperParameterTrainingJobDefinition& d) {
  json out = {{"static_hyper_parameters", d.static_hyper_parameters},
              {"metric_definitions", metric_definitions_to_json(d.metric_definitions)},
              {"max_runtime_in_seconds", d.max_runtime_in_seconds},
              {"enable_managed_spot_training", d.enable_managed_spot_training},
              {"has_checkpoint_config", d.has_checkpoint_config},
              {"s3_output_path", d.s3_output_path},
              {"compressed_output", d.compressed_output},
              {"input_data_fingerprint", d.input_data_fingerprint}};
  put_optional(out, "definition_name", d.definition_name);
  put_optional(out, "tuning_objective", d.tuning_objective, objective_to_json);
  put_optional(out, "hyper_parameter_ranges", d.hyper_parameter_ranges, ranges_to_json);
  put_optional(out, "training_image", d.training_image);
  put_optional(out, "algorithm_name", d.algorithm_name);
  put_optional(out, "resource_config", d.resource_config, resource_config_to_json);
  put_optional(out, "tuning_resource_config", d.tuning_resource_config, tuning_resource_config_to_json);
  put_optional(out, "max_wait_time_in_seconds", d.max_wait_time_in_seconds);
  return out;
}

HyperParameterTrainingJobDefinition definition_from_json(const json& in) {
  HyperParameterTrainingJobDefinition d;
  d.definition_name = get_optional<std::string>(in, "definition_name");
  d.tuning_objective = get_optional(in, "tuning_objective", objective_from_json);
  d.hyper_parameter_ranges = get_optional(in, "hyper_parameter_ranges", ranges_from_json);
  d.static_hyper_parameters = in.at("static_hyper_parameters").get<HyperParameters>();
  d.training_image = get_optional<std::string>(in, "training_image");
  d.algorithm_name = get_optional<std::string>(in, "algorithm_name");
  d.metric_definitions = metric_definitions_from_json(in.at("metric_definitions"));
  d.resource_config = get_optional(in, "resource_config", resource_config_from_json);
  d.tuning_resource_config = get_optional(in, "tuning_resource_config", tuning_resource_config_from_json);
  d.max_runtime_in_seconds = value_of<int>(in.at("max_runtime_in_seconds"));
  d.max_wait_time_in_seconds = get_optional<int>(in, "max_wait_time_in_seconds");
  d.enable_managed_spot_training = in.at("enable_managed_spot_training").get<bool>();
  d.has_checkpoint_config = in.at("has_checkpoint_config").get<bool>();
  d.s3_output_path = in.at("s3_output_path").get<std::string>();
  d.compressed_output = in.at("compressed_output").get<bool>();
  d.input_data_fingerprint = value_of<std::uint64_t>(in.at("input_data_fingerprint"));
  return d;
}

json warm_start_to_json(const WarmStartConfig& w) {
  return {{"parent_names", w.parent_names}, {"identical_data_and_algorithm", w.identical_data_and_algorithm}};
}

WarmStartConfig warm_start_from_json(const json& in) {
  return {in.at("parent_names").get<std::vector<std::string>>(), in.at("identical_data_and_algorithm").get<bool>()};
}

}  // namespace

json save_tuning_request(const TuningRequestBody& request) {
  json out = {{"config", config_to_json(request.config)},
              {"definitions", array_of(request.definitions, definition_to_json)},
              {"uses_definition_list", request.uses_definition_list},
              {"autotune", request.autotune}};
  put_optional(out, "warm_start", request.warm_start, warm_start_to_json);
  return out;
}

TuningRequestBody load_tuning_request(const json& state) {
  TuningRequestBody request;
  request.config = config_from_json(state.at("config"));
  request.definitions = vector_of(state.at("definitions"), definition_from_json);
  request.uses_definition_list = state.at("uses_definition_list").get<bool>();
  request.warm_start = get_optional(state, "warm_start", warm_start_from_json);
  request.autotune = state.at("autotune").get<bool>();
  return request;
}

}  // namespace emulator::model
