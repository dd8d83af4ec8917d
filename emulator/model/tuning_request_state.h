#pragma once

#include <nlohmann/json_fwd.hpp>

#include "emulator/model/tuning_request.h"

namespace emulator::model {

// A tuning request as a snapshot keeps it (docs/persistence.md, "Snapshots"): every member but
// `description`, which is shared with the children's specs, so the owner of the snapshot's
// tables writes and links it.
nlohmann::json save_tuning_request(const TuningRequestBody& request);
// The request without its description; throws capacity_model::SnapshotError for an unknown enum text.
TuningRequestBody load_tuning_request(const nlohmann::json& state);

}  // namespace emulator::model
