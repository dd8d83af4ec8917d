#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "capacity_model/decision.h"
#include "capacity_model/pool.h"
#include "emulator/model/tuning_request.h"
#include "emulator/sim/timeline.h"

namespace emulator::training {

// Who is asking, for the timeline.
struct ProvisionSubject {
  std::string region;
  std::string tuning_job;
  std::string training_job;
};

struct Provisioned {
  std::size_t config_index = 0;  // into the candidate list
  capacity_model::LeaseId lease = 0;
  std::string zone;
};

// One walk of the instance configurations in order of preference (AllocationStrategy
// Prioritized): the first that the pool grants wins. Each question and answer is appended
// to the timeline — asked, ice, fell-back (when the winner is not the first choice),
// granted — so a test can see why a job ran where it ran. Returns nullopt when every
// configuration is short.
std::optional<Provisioned> provision(capacity_model::RegionalPool& pool,
                                     const std::vector<model::InstanceConfig>& candidates,
                                     const ProvisionSubject& subject, sim::SimTime now,
                                     sim::Timeline& timeline);

}  // namespace emulator::training
