#include "emulator/model/tuning_request.h"

namespace emulator::model {

bool TuningRequestBody::operator==(const TuningRequestBody& other) const {
  const auto same_text =
      description == other.description || (description && other.description && *description == *other.description);
  return same_text && config == other.config && definitions == other.definitions &&
         uses_definition_list == other.uses_definition_list && warm_start == other.warm_start &&
         autotune == other.autotune;
}

std::optional<TuningObjective> objective_of(const TuningRequestBody& request) {
  if (request.config.objective) return request.config.objective;
  for (const auto& def : request.definitions) {
    if (def.tuning_objective) return def.tuning_objective;
  }
  return std::nullopt;
}

}  // namespace emulator::model
