#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "capacity_model/capacity_type.h"
#include "emulator/model/tuning_request.h"
#include "emulator/sim/event_handle.h"
#include "emulator/training/reservation.h"

namespace emulator::training {

// A finished child's instances, kept warm for the next child of the same tuning job: AMT
// reuses clusters through warm pools, so a child with the same configuration starts in
// seconds and asks the pool for nothing. The cluster owns its reservation and the event that
// retires it when the keep-alive runs out.
struct WarmCluster {
  std::string tuning_key;  // account/region/tuning job
  model::InstanceConfig config;
  capacity_model::CapacityType capacity_type = capacity_model::CapacityType::OnDemand;
  Reservation reservation;
  std::string zone;
  std::string owner;  // the training job that released it
  sim::EventHandle expiry;
};

class WarmPools {
 public:
  void park(WarmCluster cluster);
  // Whether a cluster of that tuning job with exactly this configuration is kept warm.
  bool holds(const std::string& tuning_key, const model::InstanceConfig& config,
             capacity_model::CapacityType capacity_type) const;
  // The oldest cluster of that tuning job with exactly this configuration, taken out.
  std::optional<WarmCluster> take(const std::string& tuning_key, const model::InstanceConfig& config,
                                  capacity_model::CapacityType capacity_type);
  // The cluster holding `lease`, taken out (its keep-alive ran out).
  std::optional<WarmCluster> expire(const std::string& tuning_key, capacity_model::LeaseId lease);
  // Every cluster of the tuning job, taken out (the tuning job ended).
  std::vector<WarmCluster> take_all(const std::string& tuning_key);
  void clear() { clusters_.clear(); }
  bool empty() const;

 private:
  std::optional<WarmCluster> take_first(const std::string& tuning_key,
                                        const std::function<bool(const WarmCluster&)>& wanted);

  std::map<std::string, std::vector<WarmCluster>> clusters_;
};

}  // namespace emulator::training
