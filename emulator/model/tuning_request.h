#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/model/wire_enums.h"

// Typed form of CreateHyperParameterTuningJob: the members the emulator reasons about.
// Everything it only has to hand back is carried as wire text (RawJson) that api/ writes
// and reads; the emulator stores it without looking inside.
namespace emulator::model {

// JSON text produced and consumed only by api/ (an object, "{...}").
using RawJson = std::string;

struct Tag {
  std::string key;
  std::string value;
};

using HyperParameters = std::map<std::string, std::string>;

// Bounds stay the strings the caller sent: parsing them is a semantic rule of the emulator
// ("not a valid integer"), not of the wire.
struct IntegerParameterRange {
  std::string name;
  std::string min_value;
  std::string max_value;
  HyperParameterScalingType scaling_type = HyperParameterScalingType::Auto;

  bool operator==(const IntegerParameterRange&) const = default;
};

struct ContinuousParameterRange {
  std::string name;
  std::string min_value;
  std::string max_value;
  HyperParameterScalingType scaling_type = HyperParameterScalingType::Auto;

  bool operator==(const ContinuousParameterRange&) const = default;
};

struct CategoricalParameterRange {
  std::string name;
  std::vector<std::string> values;

  bool operator==(const CategoricalParameterRange&) const = default;
};

// A hyperparameter Autotune is to find a range for, from an example value (§3.8).
struct AutoParameter {
  std::string name;
  std::string value_hint;

  bool operator==(const AutoParameter&) const = default;
};

struct ParameterRanges {
  std::vector<IntegerParameterRange> integer_ranges;
  std::vector<ContinuousParameterRange> continuous_ranges;
  std::vector<CategoricalParameterRange> categorical_ranges;
  std::vector<AutoParameter> auto_parameters;  // resolved into the lists above by Autotune

  bool operator==(const ParameterRanges&) const = default;
};

struct TuningObjective {
  HyperParameterTuningJobObjectiveType type = HyperParameterTuningJobObjectiveType::Minimize;
  std::string metric_name;

  bool operator==(const TuningObjective&) const = default;
};

struct ResourceLimits {
  std::optional<int> max_number_of_training_jobs;
  int max_parallel_training_jobs = 1;
  std::optional<int> max_runtime_in_seconds;

  bool operator==(const ResourceLimits&) const = default;
};

struct HyperParameterTuningJobConfig {
  HyperParameterTuningJobStrategyType strategy = HyperParameterTuningJobStrategyType::Random;
  std::optional<TuningObjective> objective;
  ResourceLimits resource_limits;
  std::optional<ParameterRanges> parameter_ranges;
  TrainingJobEarlyStoppingType early_stopping = TrainingJobEarlyStoppingType::Off;
  std::optional<double> target_objective_metric_value;
  std::optional<int> max_jobs_not_improving;  // BestObjectiveNotImproving
  bool complete_on_convergence = false;       // ConvergenceDetected.CompleteOnConvergence
  bool convergence_given = false;             // ConvergenceDetected was sent (Autotune keeps it)
  std::optional<std::int64_t> random_seed;
  bool has_strategy_config = false;
  std::optional<int> hyperband_min_resource;  // StrategyConfig.HyperbandStrategyConfig
  std::optional<int> hyperband_max_resource;

  bool operator==(const HyperParameterTuningJobConfig&) const = default;
};

// One of AlgorithmSpecification.MetricDefinitions: a metric read from the job's log lines.
struct MetricDefinition {
  std::string name;
  std::string regex;  // Perl syntax; capture group 1 (or the whole match) is the value
  auto operator<=>(const MetricDefinition&) const = default;
};

struct InstanceConfig {
  std::string instance_type;
  int instance_count = 1;
  int volume_size_in_gb = 0;

  bool operator==(const InstanceConfig&) const = default;
};

struct ResourceConfig {
  std::optional<std::string> instance_type;
  std::optional<int> instance_count;
  std::optional<int> volume_size_in_gb;
  std::optional<std::string> volume_kms_key_id;
  std::optional<int> keep_alive_period_in_seconds;
  bool has_instance_groups = false;

  bool operator==(const ResourceConfig&) const = default;
};

struct HyperParameterTuningResourceConfig {
  std::optional<std::string> instance_type;
  std::optional<int> instance_count;
  std::optional<int> volume_size_in_gb;
  std::optional<std::string> volume_kms_key_id;
  std::vector<InstanceConfig> instance_configs;

  bool operator==(const HyperParameterTuningResourceConfig&) const = default;
};

struct HyperParameterTrainingJobDefinition {
  std::optional<std::string> definition_name;
  std::optional<TuningObjective> tuning_objective;
  std::optional<ParameterRanges> hyper_parameter_ranges;
  HyperParameters static_hyper_parameters;
  std::optional<std::string> training_image;
  std::optional<std::string> algorithm_name;
  std::vector<MetricDefinition> metric_definitions;
  std::optional<ResourceConfig> resource_config;
  std::optional<HyperParameterTuningResourceConfig> tuning_resource_config;
  int max_runtime_in_seconds = 86400;
  std::optional<int> max_wait_time_in_seconds;
  bool enable_managed_spot_training = false;
  bool has_checkpoint_config = false;
  std::string s3_output_path;
  bool compressed_output = true;  // OutputDataConfig.CompressionType: GZIP (the default), not NONE
  // A fingerprint of InputDataConfig's wire text (0 when absent): warm start
  // IdenticalDataAndAlgorithm compares it.
  std::uint64_t input_data_fingerprint = 0;

  bool operator==(const HyperParameterTrainingJobDefinition&) const = default;
};

struct WarmStartConfig {
  std::vector<std::string> parent_names;
  bool identical_data_and_algorithm = false;  // else TransferLearning

  bool operator==(const WarmStartConfig&) const = default;
};

// What a tuning job is asked to do, apart from its name and tags. Immutable once the job is
// created, and shared by the jobs created from an equal one (a CI host creates the same
// tuning job again and again under new names).
struct TuningRequestBody {
  HyperParameterTuningJobConfig config;
  // One entry for the TrainingJobDefinition form, 1..10 for TrainingJobDefinitions.
  std::vector<HyperParameterTrainingJobDefinition> definitions;
  bool uses_definition_list = false;
  std::optional<WarmStartConfig> warm_start;
  bool autotune = false;  // Autotune.Mode=Enabled
  // The normalised configuration DescribeHyperParameterTuningJob returns (config,
  // definition or definitions, warm start, autotune), written by api/. The one text kept of
  // the request: each child's DescribeTrainingJob members are read from its definition in it.
  std::shared_ptr<const RawJson> description;

  // Equal members, the description compared by its text.
  bool operator==(const TuningRequestBody& other) const;
};

struct CreateHyperParameterTuningJobRequest : TuningRequestBody {
  std::string name;
  std::vector<Tag> tags;
};

// The objective the tuning job optimises: the config's, or (TrainingJobDefinitions) the
// definitions' common one.
std::optional<TuningObjective> objective_of(const TuningRequestBody& request);

}  // namespace emulator::model
