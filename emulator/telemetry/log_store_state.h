#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>

#include "emulator/model/scope.h"
#include "emulator/telemetry/log_store.h"

namespace emulator::telemetry {

// Every (account, region)'s log store, as the World keeps them (docs/persistence.md,
// "Snapshots"): an array of {account, region, store} in Scope order.
nlohmann::json save_log_stores(const std::map<model::Scope, LogStore>& stores);
// The stores save_log_stores gave, replacing `stores`' contents; throws
// capacity_model::SnapshotError when a scope repeats or a store does not fit (LogStore::load).
void load_log_stores(std::map<model::Scope, LogStore>& stores, const nlohmann::json& state);

}  // namespace emulator::telemetry
