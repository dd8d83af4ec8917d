#pragma once

#include <string>

#include "capacity_model/capacity_type.h"
#include "capacity_model/decision.h"
#include "emulator/model/scope.h"
#include "emulator/model/tuning_request.h"
#include "emulator/sim/simulator.h"
#include "emulator/training/supply.h"

namespace emulator::training {

class Ledger;

// Instances a training job holds, or a tuning job keeps warm for its next child: the pool's
// lease, the account quota they count against, and the history sample each change leaves.
// Move-only; it goes back to the books once, through Ledger::give_back — when give_back()
// is called or the reservation is destroyed, whichever comes first.
class Reservation {
 public:
  Reservation() = default;
  Reservation(Reservation&& other) noexcept;
  Reservation& operator=(Reservation&& other) noexcept;
  Reservation(const Reservation&) = delete;
  Reservation& operator=(const Reservation&) = delete;
  ~Reservation() { give_back(); }

  void give_back();
  bool held() const { return ledger_ != nullptr; }
  capacity_model::LeaseId lease() const { return lease_; }
  const std::string& zone() const { return zone_; }

 private:
  friend class Ledger;
  Reservation(Ledger& ledger, const model::Scope& scope, capacity_model::LeaseId lease, std::string zone)
      : ledger_(&ledger), scope_(&scope), lease_(lease), zone_(std::move(zone)) {}

  Ledger* ledger_ = nullptr;
  const model::Scope* scope_ = nullptr;  // as the stores keep it
  capacity_model::LeaseId lease_ = 0;
  std::string zone_;
};

// The one place instances are taken from and given back to the books of a region.
class Ledger {
 public:
  Ledger(SupplyLookup supply, const sim::Simulator& clock) : supply_(std::move(supply)), clock_(clock) {}

  // After the pool granted `lease`: the account's quota is acquired and the pool sampled.
  // `scope` must outlive the reservation (the stores keep the scopes of their jobs).
  Reservation hold(const model::Scope& scope, capacity_model::LeaseId lease, const model::InstanceConfig& config,
                   const std::string& zone, capacity_model::CapacityType capacity_type);

 private:
  friend class Reservation;
  // Releases the lease and the quota, and samples the pool.
  void give_back(const model::Scope& scope, capacity_model::LeaseId lease);

  SupplyLookup supply_;
  const sim::Simulator& clock_;
};

}  // namespace emulator::training
