#include "emulator/world.h"

#include "emulator/sim/rng.h"

namespace emulator {

World::World(WorldConfig config)
    : config_(std::move(config)), startup_seed_(config_.seed), schedule_(config_.scenario.changes) {
  build();
}

void World::build() {
  faults_ = capacity_model::FaultBook(config_.scenario.faults);
  unavailable_ = capacity_model::UnavailableOfferings(config_.scenario.retry.unavailable_offerings_ttl);
  fault_rng_ = sim::make_stream(config_.seed, "faults");
  spot_ = capacity_model::SpotInterruptions(config_.scenario.spot);
  spot_rng_ = sim::make_stream(config_.seed, "spot");
  training_ = std::make_unique<training::TrainingRunner>(
      simulator_, timeline_, stores_, config_.catalog,
      [this](const std::string& region) { return supply(region); }, config_.scenario.retry, config_.seed);
  const auto& limits = config_.scenario.quotas.tuning;
  const tuning::TuningQuotas quotas{limits.max_training_jobs_per_tuning_job,
                                    limits.max_parallel_training_jobs_per_tuning_job,
                                    limits.max_concurrent_tuning_jobs};
  tuning_ = std::make_unique<tuning::TuningController>(simulator_, timeline_, stores_, *training_, quotas,
                                                       config_.scenario.retry, config_.objectives, config_.seed);
  pool(config_.scenario.region);
  if (auto first = schedule_.first_change()) schedule_capacity_change(*first);
}

void World::reset(std::optional<std::uint64_t> seed, std::optional<std::int64_t> epoch_ms) {
  config_.seed = seed.value_or(startup_seed_);
  if (epoch_ms) config_.epoch_ms = *epoch_ms;
  simulator_.reset();
  timeline_.clear();
  stores_.clear();
  pools_.clear();
  demand_.clear();
  quotas_.clear();
  history_.clear();
  applied_steps_.clear();
  build();
}

capacity_model::RegionalPool& World::pool(const std::string& region) {
  auto it = pools_.find(region);
  if (it != pools_.end()) {
    if (auto demand = demand_.find(region); demand != demand_.end()) {
      // Step by step, each step sampled at its own time: the history must not depend on how
      // often someone looked at the pool (the draws do not either).
      auto& model = demand->second.model;
      for (auto next = model.next_change_after(model.last_step()); next && *next <= simulator_.now();
           next = model.next_change_after(*next)) {
        model.advance_to(*next, demand->second.rng);
        model.apply_to(it->second);
        history_.record(*next, it->second);
      }
    }
    return it->second;
  }
  const auto& scenario = config_.scenario;
  std::vector<std::string> zones;
  for (const auto& zone : scenario.zones) zones.push_back(localise(region, zone));
  std::vector<capacity_model::PoolCapacity> overrides;
  for (const auto* list : {&scenario.pools, &scenario.spot.pools}) {
    for (auto p : *list) {
      if (p.zone) p.zone = localise(region, *p.zone);
      overrides.push_back(std::move(p));
    }
  }
  auto [inserted, _] = pools_.try_emplace(
      region, config_.catalog, region, std::move(zones), scenario.default_capacity_per_zone, overrides,
      scenario.spot.default_capacity_per_zone.value_or(scenario.default_capacity_per_zone));
  // A region first used after the scenario's steps began sees them as if it had been there.
  for (auto step : applied_steps_) {
    if (step.zone) step.zone = localise(region, *step.zone);
    (void)inserted->second.apply(step);
  }
  if (scenario.demand.enabled) {
    auto& demand = demand_.try_emplace(region, Demand{capacity_model::BackgroundDemand(scenario.demand, inserted->second.keys()),
                                                      sim::make_stream(config_.seed, "demand/" + region)})
                       .first->second;
    demand.model.advance_to(simulator_.now(), demand.rng);
    demand.model.apply_to(inserted->second);
  }
  history_.record(simulator_.now(), inserted->second);
  return inserted->second;
}

capacity_model::QuotaBook& World::quotas(const std::string& region) {
  auto it = quotas_.find(region);
  if (it == quotas_.end()) it = quotas_.try_emplace(region, config_.scenario.quotas).first;
  return it->second;
}

training::Supply World::supply(const std::string& region) {
  return {pool(region), quotas(region), faults_,   fault_rng_,           unavailable_,
          history_,     spot_,           spot_rng_, training_->warm_pools()};
}

std::string World::localise(const std::string& region, const std::string& scenario_zone) const {
  // Scenario zones are "<scenario region><letter>"; other regions keep the letter.
  return region + scenario_zone.substr(config_.scenario.region.size());
}

void World::schedule_capacity_change(sim::SimTime at) {
  simulator_.schedule_at(at, [this] { apply_capacity_changes(); });
}

void World::apply_capacity_changes() {
  const auto now = simulator_.now();
  for (const auto& step : schedule_.changes_at(now)) {
    applied_steps_.push_back(step);
    for (auto& [region, unstepped] : pools_) {
      auto& pool = this->pool(region);  // demand steps due up to now are taken (and sampled) first
      auto local = step;
      if (local.zone) local.zone = localise(region, *local.zone);
      (void)pool.apply(local);
      history_.record(now, pool);
      sim::TimelineEvent e;
      e.time = now;
      e.type = "capacity-changed";
      e.region = region;
      e.instance_type = step.instance_type;
      e.zone = local.zone.value_or("");
      e.message = step.phase == capacity_model::StepPhase::End
                      ? "timed capacity change ended by the scenario"
                      : "capacity set to " + std::to_string(step.capacity) + " by the scenario" +
                            (step.capacity_type == capacity_model::CapacityType::Spot ? " (spot)" : "");
      timeline_.append(std::move(e));
    }
  }
  if (auto next = schedule_.next_change_after(now)) schedule_capacity_change(*next);
}

}  // namespace emulator
