#pragma once

#include <nlohmann/json_fwd.hpp>

#include "emulator/model/training_job.h"

// Training jobs and their specs as a snapshot keeps them (docs/persistence.md, "Snapshots").
// The shared objects they point to (the spec, the description texts) are written and linked by
// the owner of the snapshot's tables, so these leave them out.
namespace emulator::model {

// Every member but `spec`, `updated_description` and `version` (a restored record gets a fresh
// one: api/ caches answers by record and version).
nlohmann::json save_training_job(const TrainingJob& job);
// The job without its spec and updated description, with a fresh version; throws
// capacity_model::SnapshotError for an unknown enum text.
TrainingJob load_training_job(const nlohmann::json& state);

// Every member but `description`.
nlohmann::json save_training_job_spec(const TrainingJobSpec& spec);
TrainingJobSpec load_training_job_spec(const nlohmann::json& state);

}  // namespace emulator::model
