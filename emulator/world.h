#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "capacity_model/catalog.h"
#include "capacity_model/faults.h"
#include "capacity_model/history.h"
#include "capacity_model/pool.h"
#include "capacity_model/result.h"
#include "capacity_model/scenario.h"
#include "emulator/execution/training_executor.h"
#include "emulator/model/scope.h"
#include "emulator/objective/objective_library.h"
#include "emulator/sim/simulator.h"
#include "emulator/timeline/timeline.h"

namespace emulator {

namespace store {
class Stores;
}
namespace telemetry {
class LogStore;
}
namespace cloudwatch {
class MetricStore;
}
namespace training {
class TrainingLifecycle;
struct Supply;
}  // namespace training
namespace tuning {
class TuningController;
}

struct WorldConfig {
  capacity_model::Catalog catalog;
  capacity_model::Scenario scenario;
  std::uint64_t seed = 0;
  // Wall-clock instant (ms since the Unix epoch) that virtual time 0 stands for.
  std::int64_t epoch_ms = 0;
  // Objective surfaces defined as data, by training image (fixtures/objectives/).
  objective::ObjectiveLibrary objectives;
  // The timeline's retention: past this many events the oldest are dropped.
  std::size_t max_events = timeline::kDefaultMaxEvents;
  // What trains: the simulated executor, or what this makes of it (api/training's local
  // executor runs real code and hands the jobs it cannot run to the simulated one). Called
  // again on every reset, with the new simulator.
  std::function<std::unique_ptr<execution::TrainingExecutor>(sim::Simulator&,
                                                             std::unique_ptr<execution::TrainingExecutor> simulated)>
      make_executor = nullptr;
};

// One emulator instance: the simulator and everything whose state it moves. Owned by one
// thread (or strand); nothing here locks. Its parts are kept out of this header, so the
// façades api/ includes (SageMakerService, Control) do not expose the tuner's internals.
class World {
 public:
  explicit World(WorldConfig config);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Back to the scenario's start: no jobs, no events, scenario capacity, time 0, and the
  // start-up seed unless another is given.
  void reset(std::optional<std::uint64_t> seed, std::optional<std::int64_t> epoch_ms);

  // Snapshots (docs/persistence.md, "Snapshots"). A world is snapshotted only when nothing is
  // under way: no training or tuning job in progress, no instance kept warm, and no event
  // pending but the scenario's next capacity change, due later. What is under way lives in
  // closures no document can hold; at such a moment everything else is data.
  bool quiescent() const;
  // Everything a later request or answer can see, with the mark it stands at. Only when
  // quiescent().
  nlohmann::json save() const;
  // What save() would hold, in timeline events' worth (a job record weighs about a dozen): a
  // snapshot's cost is foretold by it before one is made.
  std::size_t snapshot_weight() const;
  // A world just reset with the snapshot's seed and epoch takes the saved state and mark. A
  // document that does not fit this scenario is refused, and the world is left reset.
  capacity_model::Status<std::string> load(const nlohmann::json& state);
  // Whether load() would take the state, tried on a scratch world of the same scenario: an
  // import checks a document before it gives up the running world.
  capacity_model::Status<std::string> check(const nlohmann::json& state) const;

  sim::Simulator& simulator();
  timeline::Timeline& timeline();
  store::Stores& stores();
  // The log groups clients made in an account and region (CloudWatch Logs).
  telemetry::LogStore& log_store(const model::Scope& scope);
  // CloudWatch metrics (PutMetricData's, and a feed's); emptied by reset like the jobs.
  cloudwatch::MetricStore& metric_store();
  training::TrainingLifecycle& training();
  tuning::TuningController& tuning();
  const capacity_model::Catalog& catalog() const;
  const capacity_model::Scenario& scenario() const;
  std::uint64_t seed() const;
  const objective::ObjectiveLibrary& objectives() const;
  std::int64_t epoch_ms() const;

  // The pool of a region, created from the scenario on first use (the scenario's region
  // with its zones; any other region with the same zone letters). For SageMaker requests
  // and control-plane writes that name the region; readers use find_pool or preview_pool.
  capacity_model::RegionalPool& pool(const std::string& region);
  const std::map<std::string, capacity_model::RegionalPool>& pools() const;
  // The pool of a region that exists (its demand brought up to date), else nullptr: looking
  // at a region must not create it (design.md "Regions and the control plane").
  capacity_model::RegionalPool* find_pool(const std::string& region);
  // What pool(region) would build now, for a region that does not exist yet; creates nothing.
  capacity_model::RegionalPool preview_pool(const std::string& region) const;
  // The region that owns `zone` among the regions that exist, if any.
  std::optional<std::string> region_of_zone(std::string_view zone) const;
  // Applies a control-plane step to every region: those that exist now, and those created
  // later (replayed when their pool is built, in order with the scenario's steps).
  void apply_everywhere(const capacity_model::CapacityStep& step);
  // Faults injected into launches: the scenario's, and those added through the control plane.
  capacity_model::FaultBook& faults();
  // Capacity, demand and use of every pool over the run (GET /_emulator/capacity?history=).
  capacity_model::CapacityHistory& history();
  // Everything a provisioning walk in `region` consults.
  training::Supply supply(const std::string& region);

 private:
  void build();
  struct BuiltPool;
  BuiltPool build_pool(const std::string& region) const;
  void step_demand(const std::string& region, capacity_model::RegionalPool& pool);
  void tear_down_jobs();
  void schedule_capacity_change(sim::SimTime at);
  void apply_capacity_changes();
  void load_parts(const nlohmann::json& state);
  void load_region(const nlohmann::json& entry);

  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace emulator
