// BackgroundDemand's snapshot (docs/persistence.md, "Snapshots"): each process's share and the
// time of the last step. Settings, keys and profiles come from the scenario; the engine the
// steps draw from is the caller's to save.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "capacity_model/demand.h"
#include "capacity_model/snapshot_json.h"

namespace capacity_model {

nlohmann::json BackgroundDemand::save() const { return {{"last_step_ms", last_.count()}, {"utilization", share_}}; }

void BackgroundDemand::load(const nlohmann::json& state) {
  auto share = state.at("utilization").get<std::vector<double>>();
  if (share.size() != keys_.size()) {
    throw SnapshotError("background demand models " + std::to_string(keys_.size()) + " pools, the snapshot " +
                        std::to_string(share.size()));
  }
  for (const double s : share) {
    if (!(s >= 0 && s <= 1)) throw SnapshotError("a demand share outside [0, 1]: " + std::to_string(s));
  }
  const Millis last = snapshot::millis_from(state.at("last_step_ms"));
  const bool a_step =
      settings_.enabled ? last >= Millis::zero() && last.count() % settings_.step.count() == 0 : last == Millis::zero();
  if (!a_step) {
    throw SnapshotError("the last demand step " + std::to_string(last.count()) + " ms is not a step of this model");
  }
  share_ = std::move(share);
  last_ = last;
}

}  // namespace capacity_model
