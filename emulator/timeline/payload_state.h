#pragma once

#include <nlohmann/json_fwd.hpp>

#include "emulator/timeline/event.h"

namespace emulator::timeline {

// A payload's members as a JSON array, in the order its struct declares them
// (docs/persistence.md, "Snapshots"): enums by name (a StatusMessage as SageMaker's text),
// numbers that may not be finite as "NaN"/"Infinity"/"-Infinity".
nlohmann::json save_payload(const Payload& payload);
// The payload of `type` from what save_payload gave; throws capacity_model::SnapshotError
// for an enum name this build does not know.
Payload load_payload(EventType type, const nlohmann::json& members);

}  // namespace emulator::timeline
