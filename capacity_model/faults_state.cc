// FaultBook's snapshot (docs/persistence.md, "Snapshots"): every fault, the scenario's and
// those the control plane added, in the order added, and the number behind the next
// "fault-<n>" id.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "capacity_model/faults.h"
#include "capacity_model/snapshot_json.h"

namespace capacity_model {
namespace {

nlohmann::json save_fault(const Fault& fault) {
  nlohmann::json saved{
      {"id", fault.id},         {"instance_types", fault.instance_types}, {"zones", fault.zones},
      {"region", fault.region}, {"percentage", fault.percentage},         {"start_ms", fault.start.count()}};
  if (fault.duration) saved["duration_ms"] = fault.duration->count();
  return saved;
}

Fault load_fault(const nlohmann::json& saved) {
  Fault fault;
  fault.id = saved.at("id").get<std::string>();
  fault.instance_types = saved.at("instance_types").get<std::vector<std::string>>();
  fault.zones = saved.at("zones").get<std::vector<std::string>>();
  fault.region = saved.at("region").get<std::string>();
  fault.percentage = saved.at("percentage").get<double>();
  fault.start = snapshot::millis_from(saved.at("start_ms"));
  if (saved.contains("duration_ms")) fault.duration = snapshot::millis_from(saved.at("duration_ms"));
  return fault;
}

}  // namespace

nlohmann::json FaultBook::save() const {
  auto faults = nlohmann::json::array();
  for (const auto& fault : faults_) faults.push_back(save_fault(fault));
  return {{"faults", std::move(faults)}, {"next_auto_id", next_auto_id_}};
}

void FaultBook::load(const nlohmann::json& state) {
  FaultBook loaded;
  for (const auto& saved : snapshot::list_at(state, "faults")) {
    Fault fault = load_fault(saved);
    // add() names every fault it keeps.
    if (fault.id.empty()) throw SnapshotError("a fault without an id");
    if (auto valid = loaded.validate(fault); !valid) {
      throw SnapshotError("fault '" + fault.id + "': " + valid.error());
    }
    loaded.faults_.push_back(std::move(fault));
  }
  loaded.next_auto_id_ = snapshot::value_of<std::size_t>(state.at("next_auto_id"));
  *this = std::move(loaded);
}

}  // namespace capacity_model
