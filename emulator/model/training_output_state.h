#pragma once

#include <nlohmann/json_fwd.hpp>

#include "emulator/model/training_output.h"

namespace emulator::model {

// What a training job printed and reported, as a snapshot keeps it (docs/persistence.md,
// "Snapshots"): every member, the plan's final metrics and objective curve with it (each
// job's plan has its own).
nlohmann::json save_training_output(const TrainingOutput& output);
TrainingOutput load_training_output(const nlohmann::json& state);

}  // namespace emulator::model
