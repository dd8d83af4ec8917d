#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "capacity_model/capacity_type.h"
#include "emulator/model/tuning_request.h"
#include "emulator/timeline/timeline.h"
#include "emulator/training/reservation.h"
#include "emulator/training/supply.h"
#include "emulator/training/warm_pools.h"

namespace emulator::training {

// Who is asking, for the timeline and the quota books.
struct ProvisionSubject {
  std::string account;
  std::string region;
  std::string tuning_job;
  std::string training_job;
};

struct Provisioned {
  std::size_t config_index = 0;  // into the candidate list
  Reservation reservation;
  std::string zone;
  std::optional<std::string> reused_from;  // the job whose warm cluster was taken instead of the pool
};

// The key of a tuning job's warm pools.
std::string tuning_key(const ProvisionSubject& subject);

// Where a walk takes instances from: the region's supply, the tuning jobs' warm clusters and
// the ledger that holds what is granted.
struct ProvisionSources {
  Supply supply;
  WarmPools& warm_pools;
  Ledger& ledger;
  const model::Scope& scope;  // whose instances they are, as the stores keep it
};

// One walk of the instance configurations in order of preference (AllocationStrategy
// Prioritized): the first that is within the account quota and that the pool grants wins,
// and its instances count against the quota until released. Each question and answer is
// appended to the timeline — asked, reused (a warm cluster of the same tuning job with this
// configuration, which asks the pool for nothing), quota-exceeded, ice (naming an injected fault or the
// cache when they answered), fell-back (when the winner is not the first choice), granted
// — so a test can see why a job ran where it ran. Returns nullopt when nothing was granted.
std::optional<Provisioned> provision(const ProvisionSources& sources,
                                     const std::vector<model::InstanceConfig>& candidates,
                                     capacity_model::CapacityType capacity_type, const ProvisionSubject& subject,
                                     sim::SimTime now, timeline::Timeline& timeline);

}  // namespace emulator::training
