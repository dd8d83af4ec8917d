#pragma once

#include <functional>
#include <random>
#include <string>

#include "capacity_model/faults.h"
#include "capacity_model/history.h"
#include "capacity_model/pool.h"
#include "capacity_model/quotas.h"
#include "capacity_model/spot.h"
#include "capacity_model/unavailable_offerings.h"

namespace emulator::training {

// The supply side of one region that provisioning consults: the pool and account quotas,
// injected faults (with the engine they draw from), the unavailable-offerings cache, which
// remembers zones that answered ICE for a while (retry.unavailableOfferingsTtlSeconds), the
// capacity history, and spot interruptions (with their engine).
struct Supply {
  capacity_model::RegionalPool& pool;
  capacity_model::QuotaBook& quotas;
  const capacity_model::FaultBook& faults;
  std::mt19937_64& fault_rng;
  capacity_model::UnavailableOfferings& unavailable;
  capacity_model::CapacityHistory& history;  // what each grant and release did to the pool
  const capacity_model::SpotInterruptions& spot;
  std::mt19937_64& spot_rng;
};

using SupplyLookup = std::function<Supply(const std::string& region)>;

}  // namespace emulator::training
