#include "emulator/world.h"

namespace emulator {

World::World(WorldConfig config) : config_(std::move(config)), schedule_(config_.scenario.changes) {
  build();
}

void World::build() {
  training_ = std::make_unique<training::TrainingRunner>(
      simulator_, timeline_, stores_, config_.catalog,
      [this](const std::string& region) -> capacity_model::RegionalPool& { return pool(region); },
      config_.scenario.retry, config_.seed);
  tuning_ = std::make_unique<tuning::TuningController>(simulator_, timeline_, stores_, *training_,
                                                       config_.quotas, config_.seed);
  pool(config_.scenario.region);
  if (auto first = schedule_.first_change()) schedule_capacity_change(*first);
}

void World::reset(std::optional<std::uint64_t> seed, std::optional<std::int64_t> epoch_ms) {
  if (seed) config_.seed = *seed;
  if (epoch_ms) config_.epoch_ms = *epoch_ms;
  simulator_.reset();
  timeline_.clear();
  stores_.clear();
  pools_.clear();
  applied_steps_.clear();
  build();
}

capacity_model::RegionalPool& World::pool(const std::string& region) {
  auto it = pools_.find(region);
  if (it != pools_.end()) return it->second;
  const auto& scenario = config_.scenario;
  std::vector<std::string> zones;
  for (const auto& zone : scenario.zones) {
    zones.push_back(region + zone.substr(scenario.region.size()));
  }
  // Overrides and past steps name the scenario's zones; map them by their letter suffix.
  auto localise = [&](std::optional<std::string> zone) -> std::optional<std::string> {
    if (!zone) return zone;
    return region + zone->substr(scenario.region.size());
  };
  std::vector<capacity_model::PoolCapacity> overrides;
  for (const auto& p : scenario.pools) overrides.push_back({p.instance_type, localise(p.zone), p.capacity});
  for (const auto& s : applied_steps_) overrides.push_back({s.instance_type, localise(s.zone), s.capacity});
  auto [inserted, _] = pools_.try_emplace(region, config_.catalog, region, std::move(zones),
                                          scenario.default_capacity_per_zone, overrides);
  return inserted->second;
}

void World::schedule_capacity_change(sim::SimTime at) {
  simulator_.schedule_at(at, [this] { apply_capacity_changes(); });
}

void World::apply_capacity_changes() {
  const auto now = simulator_.now();
  const auto& scenario = config_.scenario;
  for (const auto& step : schedule_.changes_at(now)) {
    applied_steps_.push_back(step);
    for (auto& [region, pool] : pools_) {
      std::optional<std::string> zone;
      if (step.zone) zone = region + step.zone->substr(scenario.region.size());
      (void)pool.set_capacity(step.instance_type, zone, step.capacity);
      sim::TimelineEvent e;
      e.time = now;
      e.type = "capacity-changed";
      e.region = region;
      e.instance_type = step.instance_type;
      e.zone = zone.value_or("");
      e.message = "capacity set to " + std::to_string(step.capacity) + " by the scenario";
      timeline_.append(std::move(e));
    }
  }
  if (auto next = schedule_.next_change_after(now)) schedule_capacity_change(*next);
}

}  // namespace emulator
