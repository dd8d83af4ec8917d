#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "capacity_model/result.h"
#include "capacity_model/scenario.h"
#include "capacity_model/time.h"

namespace capacity_model {

// Percentage-of-launches ICE injection, after AWS FIS's insufficient-capacity actions:
// while a fault is active, each launch of a matching type in a matching zone answers ICE
// with the fault's percentage. Scheduled faults come from the scenario; the control plane
// adds and removes others at run time. The book owns no clock: time comes with each call.
class FaultBook {
 public:
  FaultBook() = default;
  // Faults that fail validate() are left out with a warning; empty ids are assigned.
  explicit FaultBook(std::vector<Fault> scheduled);

  // Why `fault` cannot be added (id taken, percentage outside 0..100, negative start,
  // duration not positive), or nullopt. Instance types and zones are the caller's to check.
  Status<std::string> validate(const Fault& fault) const;
  // Adds a fault that validate() accepted and returns its id ("fault-<n>" when empty);
  // returns "" and adds nothing when validate() would refuse it.
  std::string add(Fault fault);
  // False when no fault has that id.
  bool remove(std::string_view id);
  void clear() { faults_.clear(); }

  // Every fault, active or not, in the order added.
  const std::vector<Fault>& list() const { return faults_; }
  const Fault* find(std::string_view id) const;
  static bool is_active(const Fault& fault, Millis t);
  std::vector<const Fault*> active_at(Millis t) const;

  // Whether a launch of `instance_type` in `zone` of `region` at t is turned away. Each
  // active matching fault fires independently with its percentage, in the order added;
  // returns the first that fires. Draws from `rng` only for a matching fault with
  // 0 < percentage < 100.
  const Fault* inject_fault(std::string_view region, std::string_view instance_type, std::string_view zone, Millis t,
                            std::mt19937_64& rng) const;
  // The same where the region is not known: only faults of every region match.
  const Fault* inject_fault(std::string_view instance_type, std::string_view zone, Millis t,
                            std::mt19937_64& rng) const {
    return inject_fault({}, instance_type, zone, t, rng);
  }
  bool inject(std::string_view instance_type, std::string_view zone, Millis t,
              std::mt19937_64& rng) const {
    return inject_fault(instance_type, zone, t, rng) != nullptr;
  }

  // First time strictly after t at which a fault starts or ends (for timeline events; the
  // book itself needs no event to take effect).
  std::optional<Millis> next_change_after(Millis t) const;

  // The state a snapshot keeps (docs/persistence.md, "Snapshots").
  nlohmann::json save() const;
  // Replaces this object's state with what save() gave; throws capacity_model::SnapshotError
  // (capacity_model/snapshot_error.h) when it does not fit this object.
  void load(const nlohmann::json& state);

 private:
  std::vector<Fault> faults_;
  std::size_t next_auto_id_ = 1;
};

}  // namespace capacity_model
