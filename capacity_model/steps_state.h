#pragma once

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "capacity_model/scenario.h"

namespace capacity_model {

// A list of capacity steps as a snapshot keeps it (docs/persistence.md, "Snapshots"), e.g. the
// steps every region has seen, which a region created later replays.
nlohmann::json save_steps(const std::vector<CapacityStep>& steps);
// The steps save_steps() gave; throws SnapshotError (capacity_model/snapshot_error.h) on a
// phase or market it does not know.
std::vector<CapacityStep> load_steps(const nlohmann::json& state);

}  // namespace capacity_model
