#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "capacity_model/capacity_type.h"
#include "capacity_model/time.h"

namespace capacity_model {

// Karpenter's unavailable-offerings cache: an offering (instance type, zone, capacity type)
// that answered ICE is not asked again until `ttl` has passed, so a tuner does not hammer a
// dry pool and moves on to its next InstanceConfig. Marked at t, it is unavailable for
// [t, t + ttl) and available again at exactly t + ttl. A ttl of 0 turns the cache off.
class UnavailableOfferings {
 public:
  explicit UnavailableOfferings(Millis ttl = Millis{0}) : ttl_(ttl) {}

  Millis ttl() const { return ttl_; }

  // (Re)starts the offering's ttl at `now`. Drops entries that expired by `now`.
  void mark(std::string_view instance_type, std::string_view zone, CapacityType capacity_type,
            Millis now);
  bool is_unavailable(std::string_view instance_type, std::string_view zone,
                      CapacityType capacity_type, Millis now) const;
  // When the offering becomes available again, if it is unavailable at `now`.
  std::optional<Millis> available_at(std::string_view instance_type, std::string_view zone,
                                     CapacityType capacity_type, Millis now) const;
  // The first expiry strictly after t, for a caller that wants to re-check then.
  std::optional<Millis> next_change_after(Millis t) const;

  std::size_t size() const { return until_.size(); }
  void clear() { until_.clear(); }

  // The state a snapshot keeps (docs/persistence.md, "Snapshots").
  nlohmann::json save() const;
  // Replaces this object's state with what save() gave; throws capacity_model::SnapshotError
  // (capacity_model/snapshot_error.h) when it does not fit this object.
  void load(const nlohmann::json& state);

 private:
  static std::string key(std::string_view instance_type, std::string_view zone,
                         CapacityType capacity_type);

  Millis ttl_;
  std::map<std::string, Millis, std::less<>> until_;  // key → first instant available again
};

}  // namespace capacity_model
