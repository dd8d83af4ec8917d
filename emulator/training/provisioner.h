#pragma once

#include <cstddef>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "capacity_model/capacity_type.h"
#include "capacity_model/decision.h"
#include "capacity_model/faults.h"
#include "capacity_model/history.h"
#include "capacity_model/pool.h"
#include "capacity_model/quotas.h"
#include "capacity_model/spot.h"
#include "capacity_model/unavailable_offerings.h"
#include "emulator/model/tuning_request.h"
#include "emulator/timeline/timeline.h"
#include "emulator/training/warm_pools.h"

namespace emulator::training {

// Who is asking, for the timeline and the quota books.
struct ProvisionSubject {
  std::string account;
  std::string region;
  std::string tuning_job;
  std::string training_job;
};

// The supply side one walk consults: the region's pool and account quotas, injected
// faults (with the engine they draw from), and the unavailable-offerings cache, which
// remembers zones that answered ICE for a while (retry.unavailableOfferingsTtlSeconds).
struct Supply {
  capacity_model::RegionalPool& pool;
  capacity_model::QuotaBook& quotas;
  const capacity_model::FaultBook& faults;
  std::mt19937_64& fault_rng;
  capacity_model::UnavailableOfferings& unavailable;
  capacity_model::CapacityHistory& history;  // what each grant and release did to the pool
  const capacity_model::SpotInterruptions& spot;
  std::mt19937_64& spot_rng;
  WarmPools& warm_pools;  // clusters finished children of tuning jobs keep warm
};

struct Provisioned {
  std::size_t config_index = 0;  // into the candidate list
  capacity_model::LeaseId lease = 0;
  std::string zone;
  std::optional<WarmCluster> reused;  // set when a warm cluster was taken instead of the pool
};

// The key of a tuning job's warm pools.
std::string tuning_key(const ProvisionSubject& subject);

// One walk of the instance configurations in order of preference (AllocationStrategy
// Prioritized): the first that is within the account quota and that the pool grants wins,
// and its instances count against the quota until released. Each question and answer is
// appended to the timeline — asked, reused (a warm cluster of the same tuning job with this
// configuration, which asks the pool for nothing), quota-exceeded, ice (naming an injected fault or the
// cache when they answered), fell-back (when the winner is not the first choice), granted
// — so a test can see why a job ran where it ran. Returns nullopt when nothing was granted.
std::optional<Provisioned> provision(const Supply& supply, const std::vector<model::InstanceConfig>& candidates,
                                     capacity_model::CapacityType capacity_type, const ProvisionSubject& subject,
                                     sim::SimTime now, timeline::Timeline& timeline);

}  // namespace emulator::training
