#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <random>
#include <vector>

#include "capacity_model/pool.h"
#include "capacity_model/scenario.h"
#include "capacity_model/time.h"

namespace capacity_model {

// Other tenants' use of each pool, as a share of its capacity: one discrete
// Ornstein-Uhlenbeck process per pool, stepping every settings.step at multiples of it
// (step, 2 step, ...):
//   m = target at the new time (with the daily cycle), a = 2^(-step / half_life)
//   u' = clamp(m + (u - m) a + volatility sqrt(1 - a²) Z, 0, 1),  Z standard normal
// so a deviation halves every half_life and the long-run spread around the target is
// `volatility`. Every process starts on its target at t = 0. The pool turns a share into
// instances (round(share × capacity)), so demand stays within [0, capacity] whatever the
// capacity does, and never evicts a lease: it only lowers what is available.
//
// Like every model here it owns no clock: it reports next_change_after(t) and steps when
// told. Draws come from the engine handed in, pool by pool in key order, none for a pool
// whose volatility is 0; the same seed and the same keys give the same demand however the
// calls to advance_to are batched.
class BackgroundDemand {
 public:
  // keys: the pools to model, normally RegionalPool::keys() (whose order apply_to relies on).
  BackgroundDemand(DemandSettings settings, std::vector<PoolKey> keys);

  bool enabled() const { return settings_.enabled; }
  const std::vector<PoolKey>& keys() const { return keys_; }
  Millis step() const { return settings_.step; }

  // The next step time strictly after t (the first is at `step`); nullopt when disabled.
  std::optional<Millis> next_change_after(Millis t) const;
  // Takes every step due in (last step, t], oldest first; returns how many were taken.
  int advance_to(Millis t, std::mt19937_64& rng);
  // Time of the last step taken (0 before any).
  Millis last_step() const { return last_; }

  // Shares of capacity, one per key.
  const std::vector<double>& utilization() const { return share_; }
  // The mean the process of `key` reverts to at t (target plus the daily cycle, in [0, 1]).
  double target(std::size_t key, Millis t) const;
  // Moves one process (the control plane, tests); clamped to [0, 1].
  void set_utilization(std::size_t key, double share);

  // Hands the shares to a pool whose keys() are this model's keys.
  void apply_to(RegionalPool& pool) const { pool.set_demand_utilization(share_); }

  // The state a snapshot keeps (docs/persistence.md, "Snapshots").
  nlohmann::json save() const;
  // Replaces this object's state with what save() gave; throws capacity_model::SnapshotError
  // (capacity_model/snapshot_error.h) when it does not fit this object.
  void load(const nlohmann::json& state);

 private:
  DemandSettings settings_;
  std::vector<PoolKey> keys_;
  std::vector<DemandProfile> profile_;  // per key (copies, so the model copies safely)
  std::vector<double> share_;
  Millis last_{0};
};

}  // namespace capacity_model
