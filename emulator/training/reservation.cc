#include "emulator/training/reservation.h"

#include <utility>

namespace emulator::training {

Reservation::Reservation(Reservation&& other) noexcept
    : ledger_(std::exchange(other.ledger_, nullptr)),
      scope_(other.scope_),
      lease_(other.lease_),
      zone_(std::move(other.zone_)) {}

Reservation& Reservation::operator=(Reservation&& other) noexcept {
  if (this != &other) {
    give_back();
    ledger_ = std::exchange(other.ledger_, nullptr);
    scope_ = other.scope_;
    lease_ = other.lease_;
    zone_ = std::move(other.zone_);
  }
  return *this;
}

void Reservation::give_back() {
  if (auto* ledger = std::exchange(ledger_, nullptr)) ledger->give_back(*scope_, lease_);
}

Reservation Ledger::hold(const model::Scope& scope, capacity_model::LeaseId lease, const model::InstanceConfig& config,
                         const std::string& zone, capacity_model::CapacityType capacity_type) {
  auto supply = supply_(scope.region);
  (void)supply.quotas.acquire(scope.account, config.instance_type, config.instance_count);
  if (auto usage = supply.pool.usage_of(config.instance_type, zone, capacity_type)) {
    supply.history.record(clock_.now(), scope.region, *usage);
  }
  return Reservation(*this, scope, lease, zone);
}

void Ledger::give_back(const model::Scope& scope, capacity_model::LeaseId lease) {
  auto supply = supply_(scope.region);
  const auto info = supply.pool.lease(lease);
  supply.pool.release(lease);
  if (!info) return;
  supply.quotas.release(scope.account, info->instance_type, info->count);
  if (auto usage = supply.pool.usage_of(info->instance_type, info->zone, info->capacity_type)) {
    supply.history.record(clock_.now(), scope.region, *usage);
  }
}

}  // namespace emulator::training
