#include "emulator/world.h"

#include <algorithm>
#include <random>
#include <vector>

#include "emulator/sim/rng.h"
#include "emulator/training/simulated_executor.h"
#include "emulator/tuning/quotas.h"
#include "emulator/world_parts.h"

namespace emulator {

namespace {

// Scenario zones are "<scenario region><letter>"; other regions keep the letter.
std::string localise(const capacity_model::Scenario& scenario, const std::string& region,
                     const std::string& scenario_zone) {
  return region + scenario_zone.substr(scenario.region.size());
}

}  // namespace

World::World(WorldConfig config) : parts_(std::make_unique<Parts>(std::move(config))) {
  parts_->metric_feed = std::make_unique<TrainingMetricFeed>(*this);
  parts_->metric_store.set_feed(parts_->metric_feed.get());
  build();
}

// Jobs go before the books: the instances they hold go back to the pools on the way out.
World::~World() { tear_down_jobs(); }

void World::tear_down_jobs() {
  parts_->tuning.reset();
  parts_->training.reset();
}

sim::Simulator& World::simulator() { return parts_->simulator; }
timeline::Timeline& World::timeline() { return parts_->timeline; }
store::Stores& World::stores() { return parts_->stores; }
telemetry::LogStore& World::log_store(const model::Scope& scope) { return parts_->log_stores[scope]; }
cloudwatch::MetricStore& World::metric_store() { return parts_->metric_store; }
training::TrainingLifecycle& World::training() { return *parts_->training; }
tuning::TuningController& World::tuning() { return *parts_->tuning; }
const capacity_model::Catalog& World::catalog() const { return parts_->config.catalog; }
const capacity_model::Scenario& World::scenario() const { return parts_->config.scenario; }
std::uint64_t World::seed() const { return parts_->config.seed; }
const objective::ObjectiveLibrary& World::objectives() const { return parts_->config.objectives; }
std::int64_t World::epoch_ms() const { return parts_->config.epoch_ms; }
const std::map<std::string, capacity_model::RegionalPool>& World::pools() const { return parts_->pools; }
capacity_model::FaultBook& World::faults() { return parts_->faults; }
capacity_model::CapacityHistory& World::history() { return parts_->history; }

void World::build() {
  auto& p = *parts_;
  const auto& scenario = p.config.scenario;
  p.faults = capacity_model::FaultBook(scenario.faults);
  p.unavailable = capacity_model::UnavailableOfferings(scenario.retry.unavailable_offerings_ttl);
  p.fault_rng = sim::make_stream(p.config.seed, "faults");
  p.spot = capacity_model::SpotInterruptions(scenario.spot);
  p.spot_rng = sim::make_stream(p.config.seed, "spot");
  p.executor = std::make_unique<training::SimulatedExecutor>(p.simulator, p.config.catalog);
  if (p.config.make_executor) p.executor = p.config.make_executor(p.simulator, std::move(p.executor));
  p.training = std::make_unique<training::TrainingLifecycle>(
      p.simulator, p.timeline, p.stores, [this](const std::string& region) { return supply(region); }, *p.executor,
      scenario.retry, p.config.seed);
  const auto& limits = scenario.quotas.tuning;
  const tuning::TuningQuotas quotas{limits.max_training_jobs_per_tuning_job,
                                    limits.max_parallel_training_jobs_per_tuning_job,
                                    limits.max_concurrent_tuning_jobs};
  p.tuning = std::make_unique<tuning::TuningController>(p.simulator, p.timeline, p.stores, *p.training, quotas,
                                                        scenario.retry, p.config.objectives, p.config.seed);
  pool(scenario.region);
  if (auto first = p.schedule.first_change()) schedule_capacity_change(*first);
}

void World::reset(std::optional<std::uint64_t> seed, std::optional<std::int64_t> epoch_ms) {
  tear_down_jobs();
  auto& p = *parts_;
  p.config.seed = seed.value_or(p.startup_seed);
  if (epoch_ms) p.config.epoch_ms = *epoch_ms;
  p.simulator.reset();
  p.timeline.clear();
  p.stores.clear();
  p.log_stores.clear();
  p.metric_store.clear();
  p.pools.clear();
  p.demand.clear();
  p.quotas.clear();
  p.history.clear();
  p.applied_steps.clear();
  build();
}

capacity_model::RegionalPool& World::pool(const std::string& region) {
  if (auto* existing = find_pool(region)) return *existing;
  auto& p = *parts_;
  auto built = build_pool(region);
  auto& inserted = p.pools.try_emplace(region, std::move(built.pool)).first->second;
  if (built.demand) p.demand.try_emplace(region, std::move(*built.demand));
  p.history.record(p.simulator.now(), inserted);
  return inserted;
}

capacity_model::RegionalPool* World::find_pool(const std::string& region) {
  auto it = parts_->pools.find(region);
  if (it == parts_->pools.end()) return nullptr;
  step_demand(region, it->second);
  return &it->second;
}

capacity_model::RegionalPool World::preview_pool(const std::string& region) const { return build_pool(region).pool; }

void World::step_demand(const std::string& region, capacity_model::RegionalPool& pool) {
  auto& p = *parts_;
  auto demand = p.demand.find(region);
  if (demand == p.demand.end()) return;
  // Step by step, each step sampled at its own time: the history must not depend on how
  // often someone looked at the pool (the draws do not either).
  auto& model = demand->second.model;
  for (auto next = model.next_change_after(model.last_step()); next && *next <= p.simulator.now();
       next = model.next_change_after(*next)) {
    model.advance_to(*next, demand->second.rng);
    model.apply_to(pool);
    p.history.record(*next, pool);
  }
}

World::BuiltPool World::build_pool(const std::string& region) const {
  const auto& p = *parts_;
  const auto& scenario = p.config.scenario;
  std::vector<std::string> zones;
  for (const auto& zone : scenario.zones) zones.push_back(localise(scenario, region, zone));
  std::vector<capacity_model::PoolCapacity> overrides;
  for (const auto* list : {&scenario.pools, &scenario.spot.pools}) {
    for (auto pool : *list) {
      if (pool.zone) pool.zone = localise(scenario, region, *pool.zone);
      overrides.push_back(std::move(pool));
    }
  }
  BuiltPool built{capacity_model::RegionalPool(
                      p.config.catalog, region, std::move(zones), scenario.default_capacity_per_zone, overrides,
                      scenario.spot.default_capacity_per_zone.value_or(scenario.default_capacity_per_zone)),
                  std::nullopt};
  // A region first used after steps began (the scenario's, or control-plane settings made
  // for every region) sees them as if it had been there.
  for (auto step : p.applied_steps) {
    if (step.zone) step.zone = localise(scenario, region, *step.zone);
    (void)built.pool.apply(step);
  }
  if (scenario.demand.enabled) {
    auto& demand =
        built.demand.emplace(Parts::Demand{capacity_model::BackgroundDemand(scenario.demand, built.pool.keys()),
                                           sim::make_stream(p.config.seed, "demand/" + region)});
    demand.model.advance_to(p.simulator.now(), demand.rng);
    demand.model.apply_to(built.pool);
  }
  return built;
}

std::optional<std::string> World::region_of_zone(std::string_view zone) const {
  for (const auto& [region, pool] : parts_->pools) {
    if (std::find(pool.zones().begin(), pool.zones().end(), zone) != pool.zones().end()) return region;
  }
  return std::nullopt;
}

void World::apply_everywhere(const capacity_model::CapacityStep& step) {
  auto& p = *parts_;
  p.applied_steps.push_back(step);  // what build_pool() replays for a region created later
  for (auto& [region, unstepped] : p.pools) {
    auto& pool = this->pool(region);  // demand steps due up to now are taken (and sampled) first
    (void)pool.apply(step);
    p.history.record(p.simulator.now(), pool);
  }
}

training::Supply World::supply(const std::string& region) {
  auto& p = *parts_;
  auto quotas = p.quotas.find(region);
  if (quotas == p.quotas.end()) quotas = p.quotas.try_emplace(region, p.config.scenario.quotas).first;
  return {pool(region), quotas->second, p.faults, p.fault_rng, p.unavailable, p.history, p.spot, p.spot_rng};
}

void World::schedule_capacity_change(sim::SimTime at) {
  parts_->next_capacity_change = parts_->simulator.schedule_at(at, [this] { apply_capacity_changes(); });
}

void World::apply_capacity_changes() {
  auto& p = *parts_;
  const auto now = p.simulator.now();
  for (const auto& step : p.schedule.changes_at(now)) {
    p.applied_steps.push_back(step);
    for (auto& [region, unstepped] : p.pools) {
      auto& pool = this->pool(region);  // demand steps due up to now are taken (and sampled) first
      auto local = step;
      if (local.zone) local.zone = localise(p.config.scenario, region, *local.zone);
      (void)pool.apply(local);
      p.history.record(now, pool);
      const bool ended = step.phase == capacity_model::StepPhase::End;
      p.timeline.append(now, {.region = region, .instance_type = step.instance_type, .zone = local.zone.value_or("")},
                        timeline::CapacityChanged{
                            ended ? timeline::CapacityOrigin::ScenarioEnded : timeline::CapacityOrigin::Scenario,
                            step.capacity, step.capacity_type == capacity_model::CapacityType::Spot});
    }
  }
  if (auto next = p.schedule.next_change_after(now)) schedule_capacity_change(*next);
}

}  // namespace emulator
