// QuotaBook's snapshot (docs/persistence.md, "Snapshots"): the instances each account holds of
// each type. The limits come from the scenario and nothing after construction but tests
// changes them, so they are not saved.
#include <nlohmann/json.hpp>
#include <string>

#include "capacity_model/quotas.h"
#include "capacity_model/snapshot_json.h"

namespace capacity_model {

nlohmann::json QuotaBook::save() const {
  auto used = nlohmann::json::array();
  for (const auto& [key, instances] : used_) {
    // Instance type names never hold a '|'; an account might.
    const auto bar = key.rfind('|');
    used.push_back({{"account", key.substr(0, bar)}, {"instance_type", key.substr(bar + 1)}, {"instances", instances}});
  }
  return {{"used", std::move(used)}};
}

void QuotaBook::load(const nlohmann::json& state) {
  std::map<std::string, int, std::less<>> used;
  for (const auto& u : snapshot::list_at(state, "used")) {
    const auto instances = snapshot::value_of<int>(u.at("instances"));
    // release() drops an account's type at 0: a count that is not positive was never kept.
    if (instances < 1) throw SnapshotError("quota usage of " + std::to_string(instances) + " instances: " + u.dump());
    const auto k = key(u.at("account").get<std::string>(), u.at("instance_type").get<std::string>());
    if (!used.emplace(k, instances).second) throw SnapshotError("quota usage listed twice: " + u.dump());
  }
  used_ = std::move(used);
}

}  // namespace capacity_model
