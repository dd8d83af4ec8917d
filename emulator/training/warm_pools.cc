#include "emulator/training/warm_pools.h"

#include <algorithm>

namespace emulator::training {

void WarmPools::park(WarmCluster cluster) {
  auto key = cluster.tuning_key;
  clusters_[key].push_back(std::move(cluster));
}

namespace {

auto same_configuration(const model::InstanceConfig& config, capacity_model::CapacityType capacity_type) {
  return [&config, capacity_type](const WarmCluster& c) {
    return c.capacity_type == capacity_type && c.config.instance_type == config.instance_type &&
           c.config.instance_count == config.instance_count && c.config.volume_size_in_gb == config.volume_size_in_gb;
  };
}

}  // namespace

bool WarmPools::holds(const std::string& tuning_key, const model::InstanceConfig& config,
                      capacity_model::CapacityType capacity_type) const {
  auto it = clusters_.find(tuning_key);
  return it != clusters_.end() &&
         std::any_of(it->second.begin(), it->second.end(), same_configuration(config, capacity_type));
}

std::optional<WarmCluster> WarmPools::take(const std::string& tuning_key, const model::InstanceConfig& config,
                                           capacity_model::CapacityType capacity_type) {
  return take_first(tuning_key, same_configuration(config, capacity_type));
}

bool WarmPools::empty() const {
  return std::all_of(clusters_.begin(), clusters_.end(), [](const auto& entry) { return entry.second.empty(); });
}

std::vector<WarmCluster> WarmPools::take_all(const std::string& tuning_key) {
  auto it = clusters_.find(tuning_key);
  if (it == clusters_.end()) return {};
  auto all = std::move(it->second);
  clusters_.erase(it);
  return all;
}

std::optional<WarmCluster> WarmPools::expire(const std::string& tuning_key, capacity_model::LeaseId lease) {
  return take_first(tuning_key, [lease](const WarmCluster& c) { return c.reservation.lease() == lease; });
}

std::optional<WarmCluster> WarmPools::take_first(const std::string& tuning_key,
                                                 const std::function<bool(const WarmCluster&)>& wanted) {
  auto it = clusters_.find(tuning_key);
  if (it == clusters_.end()) return std::nullopt;
  auto& list = it->second;
  auto found = std::find_if(list.begin(), list.end(), wanted);
  if (found == list.end()) return std::nullopt;
  WarmCluster cluster = std::move(*found);
  list.erase(found);
  if (list.empty()) clusters_.erase(it);  // a tuning job with no warm cluster left holds no entry
  return cluster;
}

}  // namespace emulator::training
