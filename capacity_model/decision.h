#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "capacity_model/capacity_type.h"

namespace capacity_model {

using LeaseId = std::uint64_t;

// The whole cluster runs in `zone`; hand `lease` back to release it.
struct Granted {
  std::string zone;
  LeaseId lease = 0;
};

// No single zone could hold the request (a cluster never spans zones).
struct InsufficientCapacity {
  std::string instance_type;
  int requested = 0;
  int largest_free_in_one_zone = 0;  // over the zones asked (not those the cache skipped)
  CapacityType capacity_type = CapacityType::OnDemand;
  // Zones asked that answered ICE, short or by an injected fault, in the order asked: the
  // offerings to mark in UnavailableOfferings. Zones the cache skipped are not listed.
  std::vector<std::string> refused_zones{};
  // The first injected fault that turned away a zone with room; empty when only shortage
  // (or the cache) refused the request.
  std::string fault_id{};
};

using Decision = std::variant<Granted, InsufficientCapacity>;

// The account-level instance quota would be exceeded: utilization + delta > limit.
// quota_exceeded_message() (quotas.h) gives SageMaker's ResourceLimitExceeded text. Not a
// Decision alternative: quotas are checked synchronously at CreateTrainingJob, before any
// pool is asked.
struct QuotaExceeded {
  std::string instance_type;
  int limit = 0;
  int utilization = 0;
  int delta = 0;
};

}  // namespace capacity_model
