#include "emulator/tuning/warm_start.h"

#include <map>

#include "emulator/tuning/tuning_summary.h"

namespace emulator::tuning {
namespace {

constexpr const char* kAllowedChanges =
    "Only the following fields in TrainingJobDefinition are allowed to change: [algorithmSpecification, "
    "inputDataConfig, outputDataConfig, staticHyperParameters, roleArn, resourceConfig, stoppingCondition, "
    "vpcConfig, enableManagedSpotTraining, checkpointConfig].";

std::optional<std::string> image_of(const model::TuningRequestBody& request) {
  if (request.definitions.empty()) return std::nullopt;
  const auto& def = request.definitions.front();
  return def.training_image ? def.training_image : def.algorithm_name;
}

enum class HyperParameterKind { Static, Integer, Continuous, Categorical };

// Every hyperparameter of a single-definition request, static or tuned, with its kind.
std::map<std::string, HyperParameterKind> hyper_parameter_kinds(const model::TuningRequestBody& r) {
  std::map<std::string, HyperParameterKind> kinds;
  if (r.definitions.empty()) return kinds;
  const auto& def = r.definitions.front();
  for (const auto& [name, _] : def.static_hyper_parameters) kinds[name] = HyperParameterKind::Static;
  const auto& ranges = r.uses_definition_list ? def.hyper_parameter_ranges : r.config.parameter_ranges;
  if (!ranges) return kinds;
  for (const auto& range : ranges->integer_ranges) kinds[range.name] = HyperParameterKind::Integer;
  for (const auto& range : ranges->continuous_ranges) kinds[range.name] = HyperParameterKind::Continuous;
  for (const auto& range : ranges->categorical_ranges) kinds[range.name] = HyperParameterKind::Categorical;
  return kinds;
}

// §3.11: the number of static plus tunable hyperparameters stays the same, and a range keeps
// its type (a range may become static, or a static value a range).
Status check_hyper_parameters_kept(const model::TuningJob& parent,
                                   const model::CreateHyperParameterTuningJobRequest& child,
                                   const std::string& parent_name) {
  const auto before = hyper_parameter_kinds(*parent.request);
  const auto after = hyper_parameter_kinds(child);
  if (before.size() != after.size()) {
    return validation_error("The number of static and tunable hyperparameters (" + std::to_string(after.size()) +
                            ") must be the same as in the warm start parent " + parent_name + " (" +
                            std::to_string(before.size()) + ").");
  }
  for (const auto& [name, kind] : after) {
    const auto was = before.find(name);
    if (was == before.end() || kind == HyperParameterKind::Static || was->second == HyperParameterKind::Static) continue;
    if (was->second != kind) {
      return validation_error("Hyperparameter " + name + " must keep the type of its range in the warm start parent " +
                              parent_name + " (Integer, Continuous and Categorical ranges cannot change into one another).");
    }
  }
  return Done{};
}

}  // namespace

Result<std::vector<strategies::Observation>> warm_start_history(
    store::JobStore& jobs, const model::CreateHyperParameterTuningJobRequest& request,
    const ResolvedTuningJob& resolved, const TuningQuotas& quotas) {
  std::vector<strategies::Observation> history;
  if (!request.warm_start) return history;
  const auto objective = model::objective_of(request);
  long long parents_jobs = 0;
  for (const auto& name : request.warm_start->parent_names) {
    if (name.empty()) {
      return validation_error("Each of WarmStartConfig.ParentHyperParameterTuningJobs must name a "
                              "HyperParameterTuningJobName.");
    }
    const auto* parent = jobs.find_tuning_job(name);
    if (parent == nullptr) {
      return validation_error("The warm start parent hyperparameter tuning job " + name + " does not exist.");
    }
    if (!parent->is_terminal()) {
      return validation_error("The warm start parent hyperparameter tuning job " + name + " is in status " +
                              std::string(model::to_string(parent->status)) +
                              "; parents must be Completed, Stopped or Failed.");
    }
    const auto parent_objective = model::objective_of(*parent->request);
    if (!parent_objective || !objective || parent_objective->metric_name != objective->metric_name ||
        parent_objective->type != objective->type) {
      return validation_error("The objective metric of this tuning job must be the same as that of its warm start "
                              "parent " + name + " (" + (parent_objective ? parent_objective->metric_name + ", " +
                                                                                std::string(model::to_string(parent_objective->type))
                                                                          : "") + ").");
    }
    if (auto checked = check_hyper_parameters_kept(*parent, request, name); !checked) return checked.error();
    if (request.warm_start->identical_data_and_algorithm) {
      if (image_of(*parent->request) != image_of(request)) return validation_error(kAllowedChanges);
      if (!parent->request->definitions.empty() && !request.definitions.empty() &&
          parent->request->definitions.front().input_data_fingerprint !=
              request.definitions.front().input_data_fingerprint) {
        return validation_error("With WarmStartType IdenticalDataAndAlgorithm the input data must be that of the parent "
                                "hyperparameter tuning job " + name + "; use TransferLearning to train on new data.");
      }
    }
    parents_jobs += static_cast<long long>(parent->children.size());
    const auto& space = resolved.definitions.front().space;
    for (const auto* child : parent->children) {
      if (!child->objective_value) continue;
      strategies::Observation observation;
      for (std::size_t d = 0; d < space.size(); ++d) {
        const auto* value = child->hyper_parameter(space.dimensions()[d].name);
        // A range the parent did not tune sits at the centre of the new one.
        observation.proposal.unit_point.push_back(value == nullptr ? 0.5 : space.to_unit(d, *value));
      }
      observation.objective = child->objective_value;
      history.push_back(std::move(observation));
    }
  }
  if (parents_jobs + resolved.max_number_of_training_jobs > quotas.max_training_jobs_per_tuning_job) {
    return Error{ErrorCode::ResourceLimitExceeded,
                 limit_exceeded_message("Maximum number of training jobs per tuning job",
                                        quotas.max_training_jobs_per_tuning_job, parents_jobs,
                                        resolved.max_number_of_training_jobs)};
  }
  return history;
}

const model::TrainingJob* overall_best(store::JobStore& jobs, const model::TuningJob& job,
                                       const model::TrainingJob* own_best) {
  const auto& warm = job.request->warm_start;
  if (!warm || !warm->identical_data_and_algorithm) return nullptr;
  const auto objective = model::objective_of(*job.request);
  const bool maximize = objective && objective->type == model::HyperParameterTuningJobObjectiveType::Maximize;
  const model::TrainingJob* best = own_best;
  for (const auto& name : warm->parent_names) {
    const auto* parent = jobs.find_tuning_job(name);
    if (parent == nullptr) continue;
    const auto* candidate = summarize(*parent).best;
    if (candidate == nullptr) continue;
    if (best == nullptr || (maximize ? *candidate->objective_value > *best->objective_value
                                     : *candidate->objective_value < *best->objective_value)) {
      best = candidate;
    }
  }
  return best;
}

}  // namespace emulator::tuning
