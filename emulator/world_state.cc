// Snapshots of a quiescent world (docs/persistence.md, "Snapshots"): each part saves and
// loads its own state; this file says which parts there are and in what order they load.
#include <nlohmann/json.hpp>

#include "capacity_model/snapshot_error.h"
#include "capacity_model/snapshot_json.h"
#include "capacity_model/steps_state.h"
#include "emulator/sim/rng.h"
#include "emulator/store/stores_state.h"
#include "emulator/telemetry/log_store_state.h"
#include "emulator/world.h"
#include "emulator/world_parts.h"

namespace emulator {

using capacity_model::snapshot::value_of;
namespace {

using Json = nlohmann::json;
using capacity_model::SnapshotError;

std::mt19937_64 engine_of(const Json& text) { return sim::engine_from_text(text.get<std::string>()); }

}  // namespace

bool World::quiescent() const {
  const auto& p = *parts_;
  if (!p.training->idle() || p.tuning->busy()) return false;
  const std::size_t capacity_change = p.next_capacity_change.pending() ? 1 : 0;
  if (p.simulator.pending() != capacity_change) return false;
  // A change due now may still wait behind the events of this instant: a later one only.
  const auto next = p.simulator.next_event_time();
  return !next || *next > p.simulator.now();
}

Json World::save() const {
  const auto& p = *parts_;
  Json regions = Json::array();
  for (const auto& [region, pool] : p.pools) {
    Json entry{{"region", region}, {"pool", pool.save()}};
    if (auto demand = p.demand.find(region); demand != p.demand.end()) {
      entry["demand"] = Json{{"model", demand->second.model.save()}, {"rng", sim::to_text(demand->second.rng)}};
    }
    if (auto quotas = p.quotas.find(region); quotas != p.quotas.end()) entry["quotas"] = quotas->second.save();
    regions.push_back(std::move(entry));
  }
  return Json{{"now", p.simulator.now().count()},
              {"eventsRun", p.simulator.events_run()},
              {"appliedSteps", capacity_model::save_steps(p.applied_steps)},
              {"regions", std::move(regions)},
              {"faults", p.faults.save()},
              {"faultRng", sim::to_text(p.fault_rng)},
              {"unavailable", p.unavailable.save()},
              {"spotRng", sim::to_text(p.spot_rng)},
              {"history", p.history.save()},
              {"timeline", p.timeline.save()},
              {"jobs", store::save_stores(p.stores)},
              {"logs", telemetry::save_log_stores(p.log_stores)},
              {"metrics", p.metric_store.save()}};
}

std::size_t World::snapshot_weight() const {
  constexpr std::size_t kJobWeight = 12;  // a training job's record against a timeline event's, in bytes saved
  const auto& p = *parts_;
  std::size_t jobs = 0;
  for (const auto& [scope, store] : p.stores.all()) {
    jobs += store.sorted_training_jobs().size() + store.sorted_tuning_jobs().size();
  }
  return p.timeline.size() + p.history.sample_count() + kJobWeight * jobs;
}

capacity_model::Status<std::string> World::load(const Json& state) {
  std::string refusal;
  // SnapshotError, nlohmann's exceptions, and what no check foresaw: none may stop the process.
  try {
    load_parts(state);
    return capacity_model::Done{};
  } catch (const std::exception& error) {
    refusal = error.what();
  }
  reset(parts_->config.seed, std::nullopt);
  return refusal;
}

capacity_model::Status<std::string> World::check(const Json& state) const {
  auto config = parts_->config;
  config.make_executor = nullptr;  // the scratch world trains nothing
  World scratch(std::move(config));
  return scratch.load(state);
}

// Capacity before the history (making a pool samples it), the jobs before nothing: no part
// refers to another by address.
void World::load_parts(const Json& state) {
  auto& p = *parts_;
  p.next_capacity_change.cancel();  // the one event a reset world has; re-armed from `now` below
  const sim::Mark mark{sim::SimTime(value_of<std::int64_t>(state.at("now"))),
                       value_of<std::uint64_t>(state.at("eventsRun"))};
  p.simulator.resume_at(mark);
  p.applied_steps = capacity_model::load_steps(state.at("appliedSteps"));
  p.pools.clear();
  p.demand.clear();
  p.quotas.clear();
  for (const auto& entry : state.at("regions")) load_region(entry);
  p.faults.load(state.at("faults"));
  p.fault_rng = engine_of(state.at("faultRng"));
  p.unavailable.load(state.at("unavailable"));
  p.spot_rng = engine_of(state.at("spotRng"));
  p.history.load(state.at("history"));
  p.timeline.load(state.at("timeline"));
  store::load_stores(p.stores, state.at("jobs"));
  p.tuning->adopt_loaded_requests();
  telemetry::load_log_stores(p.log_stores, state.at("logs"));
  p.metric_store.load(state.at("metrics"));
  if (auto next = p.schedule.next_change_after(mark.now)) schedule_capacity_change(*next);
}

void World::load_region(const Json& entry) {
  auto& p = *parts_;
  const auto region = entry.at("region").get<std::string>();
  if (!model::is_region_name(region)) throw SnapshotError("\"" + region + "\" is not a region name");
  auto built = build_pool(region);  // this scenario's zones and types, which the saved pool must have
  built.pool.load(entry.at("pool"));
  if (!p.pools.try_emplace(region, std::move(built.pool)).second) {
    throw SnapshotError("region " + region + " is listed twice");
  }
  if (entry.contains("demand") != built.demand.has_value()) {
    throw SnapshotError("region " + region +
                        ": background demand is modelled in one of the snapshot and the scenario only");
  }
  if (built.demand) {
    built.demand->model.load(entry.at("demand").at("model"));
    built.demand->rng = engine_of(entry.at("demand").at("rng"));
    p.demand.try_emplace(region, std::move(*built.demand));
  }
  if (entry.contains("quotas")) {
    p.quotas.try_emplace(region, p.config.scenario.quotas).first->second.load(entry.at("quotas"));
  }
}

}  // namespace emulator
