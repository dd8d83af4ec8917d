#include "emulator/model/tuning_request.h"

namespace emulator::model {

std::optional<TuningObjective> objective_of(const CreateHyperParameterTuningJobRequest& request) {
  if (request.config.objective) return request.config.objective;
  for (const auto& def : request.definitions) {
    if (def.tuning_objective) return def.tuning_objective;
  }
  return std::nullopt;
}

}  // namespace emulator::model
