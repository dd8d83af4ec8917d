// UnavailableOfferings' snapshot (docs/persistence.md, "Snapshots"): each offering marked and
// the instant it is available again, expired entries included (mark() drops those, so they
// are part of the state). The ttl comes from the scenario.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "capacity_model/snapshot_json.h"
#include "capacity_model/unavailable_offerings.h"

namespace capacity_model {

nlohmann::json UnavailableOfferings::save() const {
  auto until = nlohmann::json::array();
  for (const auto& [key, at] : until_) {
    // key() joins type, zone and market with '|', which none of them holds.
    const auto first = key.find('|'), last = key.rfind('|');
    until.push_back({{"instance_type", key.substr(0, first)},
                     {"zone", key.substr(first + 1, last - first - 1)},
                     {"capacity_type", key.substr(last + 1)},
                     {"until_ms", at.count()}});
  }
  return {{"until", std::move(until)}};
}

void UnavailableOfferings::load(const nlohmann::json& state) {
  const auto& saved = snapshot::list_at(state, "until");
  if (ttl_ <= Millis::zero() && !saved.empty()) {
    throw SnapshotError("the snapshot marks offerings unavailable, but this cache is off (ttl 0)");
  }
  std::map<std::string, Millis, std::less<>> until;
  for (const auto& entry : saved) {
    const auto k = key(entry.at("instance_type").get<std::string>(), entry.at("zone").get<std::string>(),
                       snapshot::capacity_type_from_json(entry.at("capacity_type")));
    if (!until.emplace(k, snapshot::millis_from(entry.at("until_ms"))).second) {
      throw SnapshotError("an offering marked twice: " + entry.dump());
    }
  }
  until_ = std::move(until);
}

}  // namespace capacity_model
