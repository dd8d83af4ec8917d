#pragma once

#include <nlohmann/json_fwd.hpp>

#include "emulator/store/job_store.h"

namespace emulator::store {

// Every job of every scope as a snapshot keeps it (docs/persistence.md, "Snapshots"): the
// records whole, the objects they share in tables (store/shared_tables_state.h), a tuning job's
// children by name. The sorted files are not saved: they follow from the records.
nlohmann::json save_stores(const Stores& stores);
// Fills `stores`, which must be empty, with what save_stores gave: the same jobs, sharing the
// same objects, each record with a fresh version. Throws capacity_model::SnapshotError for a
// reference to nothing (a child, a table row), an unknown enum text, a name or scope twice.
void load_stores(Stores& stores, const nlohmann::json& state);

}  // namespace emulator::store
