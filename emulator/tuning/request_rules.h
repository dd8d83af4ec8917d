#pragma once

#include <vector>

#include "emulator/model/errors.h"
#include "emulator/model/tuning_request.h"
#include "emulator/tuning/quotas.h"
#include "emulator/search/search_space.h"

namespace emulator::tuning {

// What a valid CreateHyperParameterTuningJob resolves to: per definition its search space,
// objective and instance configurations in order of preference.
struct ResolvedDefinition {
  search::SearchSpace space;
  model::TuningObjective objective;
  std::vector<model::InstanceConfig> instance_configs;
};

struct ResolvedTuningJob {
  std::vector<ResolvedDefinition> definitions;
  int max_number_of_training_jobs = 0;  // computed for Grid when omitted
  // Hyperband's resource bounds in epochs (MaxResource inferred from an epochs-like static
  // hyperparameter when omitted); zero for other strategies.
  int hyperband_min_resource = 0;
  int hyperband_max_resource = 0;
};

inline constexpr int kMaxHyperbandResource = 20000;

// The semantic rules of §3.15 that the service model cannot express (ranges, scaling,
// resource-config exclusivity, strategy rules, limits). Shape rules are api/'s.
Result<ResolvedTuningJob> resolve_tuning_request(const model::CreateHyperParameterTuningJobRequest& request,
                                                 const TuningQuotas& quotas);

// The candidate list of one definition: InstanceConfigs, or the single configuration of
// ResourceConfig / the flat HyperParameterTuningResourceConfig.
Result<std::vector<model::InstanceConfig>> resolve_instance_configs(
    const model::HyperParameterTrainingJobDefinition& definition);

}  // namespace emulator::tuning
