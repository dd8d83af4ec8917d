#include "emulator/tuning/request_rules.h"

#include "emulator/objective/objective_library.h"
#include "emulator/training/training_requests.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <cstdint>
#include <set>
#include <string_view>

namespace emulator::tuning {
namespace {

using model::HyperParameterTuningJobStrategyType;
using Strategy = HyperParameterTuningJobStrategyType;
using search::Dimension;
using search::SearchSpace;

constexpr std::size_t kMaxHyperParameters = 100;
constexpr const char* kTuningObjectiveKey = "_tuning_objective_metric";

// Repositories of SageMaker's built-in algorithms: they emit predefined metrics, so an
// objective needs no MetricDefinitions (§3.7).
constexpr std::array<std::string_view, 18> kBuiltInAlgorithms = {
    "xgboost", "linear-learner", "knn", "factorization-machines", "blazingtext",
    "image-classification", "object-detection", "semantic-segmentation", "ntm", "lda",
    "kmeans", "pca", "randomcutforest", "ipinsights", "seq2seq", "forecasting-deepar",
    "object2vec", "sagemaker-xgboost"};

bool is_built_in_image(std::string_view image) {
  const auto repository = objective::repository_of(image);
  return std::find(kBuiltInAlgorithms.begin(), kBuiltInAlgorithms.end(), repository) != kBuiltInAlgorithms.end();
}

Status check_algorithm(const model::HyperParameterTrainingJobDefinition& def, const model::TuningObjective& objective) {
  if (def.training_image.has_value() == def.algorithm_name.has_value()) {
    return validation_error("Specify either TrainingImage or AlgorithmName, but not both.");
  }
  const auto& definitions = def.metric_definitions;
  const bool defined = std::any_of(definitions.begin(), definitions.end(),
                                   [&](const model::MetricDefinition& d) { return d.name == objective.metric_name; });
  const bool built_in = def.training_image && is_built_in_image(*def.training_image);
  if (!defined && (!definitions.empty() || (def.training_image && !built_in))) {
    return validation_error(
        "A metric is required for this hyperparameter tuning job objective. Provide a metric "
        "in the metric definitions.");
  }
  return Done{};
}

Status check_hyper_parameter_counts(const model::HyperParameterTrainingJobDefinition& def, const SearchSpace& space) {
  for (const auto& dim : space.dimensions()) {
    if (def.static_hyper_parameters.count(dim.name) != 0) {
      return validation_error("Hyperparameter '" + dim.name + "' is specified more than once.");
    }
  }
  std::size_t total = def.static_hyper_parameters.size() + space.size();
  if (def.static_hyper_parameters.count(kTuningObjectiveKey) == 0) ++total;
  if (total > kMaxHyperParameters) {
    return validation_error("The total number of hyperparameters (" + std::to_string(total) +
                            ", including _tuning_objective_metric) exceeds the maximum of 100.");
  }
  return Done{};
}

// Counts of combinations saturate at UINT64_MAX (30 ranges of 30 values are 30^30).
std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }
std::string count_text(std::uint64_t count) {
  return count == UINT64_MAX ? "at least " + std::to_string(count) : std::to_string(count);
}

Status check_limits(const model::CreateHyperParameterTuningJobRequest& request,
                    const std::vector<ResolvedDefinition>& definitions, const TuningQuotas& quotas, int& max_jobs) {
  const auto& config = request.config;
  const auto& limits = config.resource_limits;
  if (config.strategy == Strategy::Grid) {
    std::uint64_t combinations = 0;
    for (const auto& def : definitions) {
      for (const auto& dim : def.space.dimensions()) {
        if (dim.kind != Dimension::Kind::Categorical) {
          return validation_error("The Grid strategy supports only categorical hyperparameters.");
        }
      }
      combinations = saturating_add(combinations, *def.space.combinations());
    }
    if (limits.max_number_of_training_jobs &&
        std::uint64_t(*limits.max_number_of_training_jobs) != combinations) {
      return validation_error(
          "For the Grid strategy, MaxNumberOfTrainingJobs must equal the number of "
          "hyperparameter combinations (" + count_text(combinations) + ").");
    }
    if (combinations > std::uint64_t(quotas.max_training_jobs_per_tuning_job)) {
      return Error{ErrorCode::ResourceLimitExceeded,
                   limit_exceeded_message("Maximum number of training jobs per tuning job",
                                          quotas.max_training_jobs_per_tuning_job, 0,
                                          static_cast<long long>(std::min<std::uint64_t>(combinations, LLONG_MAX)))};
    }
    max_jobs = static_cast<int>(combinations);
  } else {
    if (!limits.max_number_of_training_jobs) {
      return validation_error("MaxNumberOfTrainingJobs is required for the " +
                              std::string(model::to_string(config.strategy)) + " strategy.");
    }
    max_jobs = *limits.max_number_of_training_jobs;
    // With only discrete ranges, Random and Bayesian cannot produce more distinct jobs
    // than there are combinations (SageMaker's own wording).
    std::uint64_t combinations = 0;
    bool all_discrete = true;
    for (const auto& def : definitions) {
      auto c = def.space.combinations();
      if (!c || def.space.size() == 0) all_discrete = false;
      else combinations = saturating_add(combinations, *c);
    }
    if (all_discrete && config.strategy != Strategy::Hyperband &&
        combinations < std::uint64_t(max_jobs)) {
      return validation_error(
          "You don't have enough combinations of hyperparameter ranges. The total number of "
          "hyperparameter combinations for the provided ranges [" + count_text(combinations) +
          "] must be equal or greater than the value of MaxNumberOfJobs, [" +
          std::to_string(max_jobs) + "]. Provide additional ranges.");
    }
  }
  if (limits.max_parallel_training_jobs > max_jobs) {
    return validation_error("MaxParallelTrainingJobs (" +
                            std::to_string(limits.max_parallel_training_jobs) +
                            ") must be less than or equal to MaxNumberOfTrainingJobs (" +
                            std::to_string(max_jobs) + ").");
  }
  if (max_jobs > quotas.max_training_jobs_per_tuning_job) {
    return Error{ErrorCode::ResourceLimitExceeded,
                 limit_exceeded_message("Maximum number of training jobs per tuning job",
                                        quotas.max_training_jobs_per_tuning_job, 0, max_jobs)};
  }
  if (limits.max_parallel_training_jobs > quotas.max_parallel_training_jobs) {
    return Error{ErrorCode::ResourceLimitExceeded,
                 limit_exceeded_message("Maximum number of parallel training jobs per tuning job",
                                        quotas.max_parallel_training_jobs, 0,
                                        limits.max_parallel_training_jobs)};
  }
  return Done{};
}

Status check_strategy(const model::CreateHyperParameterTuningJobRequest& request) {
  const auto& config = request.config;
  if (config.strategy == Strategy::Hyperband &&
      config.early_stopping == model::TrainingJobEarlyStoppingType::Auto) {
    return validation_error("TrainingJobEarlyStoppingType must be Off when the Hyperband strategy is used.");
  }
  if (config.has_strategy_config && config.strategy != Strategy::Hyperband) {
    return validation_error("HyperbandStrategyConfig is only supported for the Hyperband strategy.");
  }
  if (request.uses_definition_list &&
      (request.warm_start || config.early_stopping == model::TrainingJobEarlyStoppingType::Auto)) {
    return validation_error("Warm start and early stopping are not supported when tuning multiple algorithms.");
  }
  return Done{};
}

// Hyperband counts resources in epochs; without MaxResource it reads the algorithm's own
// epoch count from the static hyperparameters, as SageMaker does.
Status resolve_hyperband(const model::CreateHyperParameterTuningJobRequest& request, ResolvedTuningJob& resolved) {
  const auto& config = request.config;
  if (config.strategy != Strategy::Hyperband) return Done{};
  std::optional<int> max = config.hyperband_max_resource;
  if (!max) {
    for (const char* name : {"epochs", "numepochs", "n-epochs", "n_epochs", "num_epochs"}) {
      const auto& statics = request.definitions.front().static_hyper_parameters;
      auto it = statics.find(name);
      if (it == statics.end()) continue;
      int value = 0;
      auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
      if (ec == std::errc() && end == it->second.data() + it->second.size() && value >= 1) max = value;
      break;
    }
  }
  if (!max) return validation_error("Unable to infer MaxResource from StaticHyperParameters; specify MaxResource.");
  if (*max > kMaxHyperbandResource) {
    return validation_error("MaxResource (" + std::to_string(*max) + ") must be less than or equal to 20000.");
  }
  const int min = config.hyperband_min_resource.value_or(1);
  if (min > *max) {
    return validation_error("MinResource (" + std::to_string(min) + ") must be less than or equal to MaxResource (" +
                            std::to_string(*max) + ").");
  }
  resolved.hyperband_min_resource = min;
  resolved.hyperband_max_resource = *max;
  return Done{};
}

// A tuning job must tune something: without ranges every child would run the same values.
Error nothing_to_tune(const model::CreateHyperParameterTuningJobRequest& request,
                      const model::HyperParameterTrainingJobDefinition& def) {
  const std::string where = request.uses_definition_list ? "the HyperParameterRanges of training job definition '" +
                                                               def.definition_name.value_or("") + "'"
                                                         : "ParameterRanges";
  return validation_error("No hyperparameters to tune were specified in " + where +
                          ". Specify at least one IntegerParameterRanges, ContinuousParameterRanges or "
                          "CategoricalParameterRanges entry, or enable Autotune and specify AutoParameters.");
}

}  // namespace

Result<std::vector<model::InstanceConfig>> resolve_instance_configs(
    const model::HyperParameterTrainingJobDefinition& def) {
  if (def.resource_config.has_value() == def.tuning_resource_config.has_value()) {
    return validation_error("Specify either ResourceConfig or HyperParameterTuningResourceConfig, but not both.");
  }
  if (def.resource_config) {
    const auto& rc = *def.resource_config;
    if (rc.keep_alive_period_in_seconds) {
      return validation_error("KeepAlivePeriodInSeconds is not supported for hyperparameter tuning jobs.");
    }
    if (rc.has_instance_groups && (rc.instance_type || rc.instance_count)) {
      return validation_error("Specify either InstanceGroups or InstanceType and InstanceCount, but not both.");
    }
    if (rc.has_instance_groups) {
      return validation_error("InstanceGroups (heterogeneous clusters) are not supported for hyperparameter tuning jobs.");
    }
    if (!rc.instance_type || rc.instance_count.value_or(0) < 1) {
      return validation_error("InstanceType and InstanceCount are required when InstanceConfigs is not specified.");
    }
    return std::vector<model::InstanceConfig>{{*rc.instance_type, *rc.instance_count, rc.volume_size_in_gb.value_or(0)}};
  }
  const auto& trc = *def.tuning_resource_config;
  if (!trc.instance_configs.empty()) {
    if (trc.instance_type || trc.instance_count || trc.volume_size_in_gb) {
      return validation_error("When InstanceConfigs is specified, do not specify InstanceType, InstanceCount or VolumeSizeInGB.");
    }
    std::set<std::string> seen;
    for (const auto& config : trc.instance_configs) {
      if (!seen.insert(config.instance_type).second) {
        return validation_error("InstanceConfigs must not contain duplicate instance types.");
      }
      if (config.instance_count < 1) {
        return validation_error("InstanceCount of " + config.instance_type + " in InstanceConfigs must be at least 1.");
      }
    }
    return trc.instance_configs;
  }
  if (!trc.instance_type || trc.instance_count.value_or(0) < 1) {
    return validation_error("InstanceType and InstanceCount are required when InstanceConfigs is not specified.");
  }
  return std::vector<model::InstanceConfig>{{*trc.instance_type, *trc.instance_count, trc.volume_size_in_gb.value_or(0)}};
}

Result<ResolvedTuningJob> resolve_tuning_request(const model::CreateHyperParameterTuningJobRequest& request,
                                                 const TuningQuotas& quotas) {
  if (auto checked = check_strategy(request); !checked) return checked.error();
  ResolvedTuningJob resolved;
  std::set<std::string> definition_names;
  for (const auto& def : request.definitions) {
    std::optional<model::TuningObjective> objective = def.tuning_objective;
    if (!request.uses_definition_list && !objective) objective = request.config.objective;
    if (!objective) {
      // The member path as the Coral validator writes it: list elements carry their 1-based index.
      const std::string path = request.uses_definition_list
                                   ? "trainingJobDefinitions." + std::to_string(&def - request.definitions.data() + 1) +
                                         ".member.tuningObjective"
                                   : "hyperParameterTuningJobConfig.hyperParameterTuningJobObjective";
      return validation_error("1 validation error detected: Value null at '" + path +
                              "' failed to satisfy constraint: Member must not be null");
    }
    if (request.uses_definition_list) {
      if (!def.definition_name) {
        return validation_error("DefinitionName is required for every training job definition when TrainingJobDefinitions is used.");
      }
      if (!definition_names.insert(*def.definition_name).second) {
        return validation_error("DefinitionName '" + *def.definition_name + "' is used by more than one training job definition.");
      }
      if (!resolved.definitions.empty() && resolved.definitions.front().objective.metric_name != objective->metric_name) {
        return validation_error("Every training job definition must use the same objective metric name.");
      }
    }
    const model::ParameterRanges no_ranges;
    const auto& ranges = request.uses_definition_list
        ? (def.hyper_parameter_ranges ? *def.hyper_parameter_ranges : no_ranges)
        : (request.config.parameter_ranges ? *request.config.parameter_ranges : no_ranges);
    auto space = SearchSpace::from_ranges(ranges);
    if (!space) return space.error();
    if (space->size() == 0) return nothing_to_tune(request, def);
    if (auto checked = check_algorithm(def, *objective); !checked) return checked.error();
    if (auto checked = training::check_stopping_condition(def.max_runtime_in_seconds, def.max_wait_time_in_seconds,
                                                          def.enable_managed_spot_training);
        !checked) {
      return checked.error();
    }
    if (auto checked = check_hyper_parameter_counts(def, *space); !checked) return checked.error();
    auto configs = resolve_instance_configs(def);
    if (!configs) return configs.error();
    resolved.definitions.push_back({std::move(*space), *objective, std::move(*configs)});
  }
  if (auto checked = check_limits(request, resolved.definitions, quotas, resolved.max_number_of_training_jobs);
      !checked)
    return checked.error();
  if (auto checked = resolve_hyperband(request, resolved); !checked) return checked.error();
  return resolved;
}

}  // namespace emulator::tuning
