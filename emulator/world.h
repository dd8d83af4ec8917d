#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "capacity_model/catalog.h"
#include "capacity_model/demand.h"
#include "capacity_model/faults.h"
#include "capacity_model/history.h"
#include "capacity_model/quotas.h"
#include "capacity_model/unavailable_offerings.h"
#include "capacity_model/pool.h"
#include "capacity_model/scenario.h"
#include "capacity_model/schedule.h"
#include "capacity_model/spot.h"
#include "emulator/objective/objective_library.h"
#include "emulator/sim/simulator.h"
#include "emulator/sim/timeline.h"
#include "emulator/store/job_store.h"
#include "emulator/training/training_runner.h"
#include "emulator/tuning/quotas.h"
#include "emulator/tuning/tuning_controller.h"

namespace emulator {

struct WorldConfig {
  capacity_model::Catalog catalog;
  capacity_model::Scenario scenario;
  std::uint64_t seed = 0;
  // Wall-clock instant (ms since the Unix epoch) that virtual time 0 stands for.
  std::int64_t epoch_ms = 0;
  // Objective surfaces defined as data, by training image (fixtures/objectives/).
  objective::ObjectiveLibrary objectives;
};

// One emulator instance: the simulator and everything whose state it moves. Owned by one
// thread (or strand); nothing here locks.
class World {
 public:
  explicit World(WorldConfig config);
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Back to the scenario's start: no jobs, no events, scenario capacity, time 0, and the
  // start-up seed unless another is given.
  void reset(std::optional<std::uint64_t> seed, std::optional<std::int64_t> epoch_ms);

  sim::Simulator& simulator() { return simulator_; }
  sim::Timeline& timeline() { return timeline_; }
  store::Stores& stores() { return stores_; }
  training::TrainingRunner& training() { return *training_; }
  tuning::TuningController& tuning() { return *tuning_; }
  const capacity_model::Catalog& catalog() const { return config_.catalog; }
  const capacity_model::Scenario& scenario() const { return config_.scenario; }
  std::uint64_t seed() const { return config_.seed; }
  const objective::ObjectiveLibrary& objectives() const { return config_.objectives; }
  std::int64_t epoch_ms() const { return config_.epoch_ms; }

  // The pool of a region, created from the scenario on first use (the scenario's region
  // with its zones; any other region with the same zone letters).
  capacity_model::RegionalPool& pool(const std::string& region);
  const std::map<std::string, capacity_model::RegionalPool>& pools() const { return pools_; }
  // Account quotas of a region ("<type> for training job usage"), from the scenario.
  capacity_model::QuotaBook& quotas(const std::string& region);
  // Faults injected into launches: the scenario's, and those added through the control plane.
  capacity_model::FaultBook& faults() { return faults_; }
  // Capacity, demand and use of every pool over the run (GET /_emulator/capacity?history=).
  capacity_model::CapacityHistory& history() { return history_; }
  // Everything a provisioning walk in `region` consults.
  training::Supply supply(const std::string& region);

 private:
  void build();
  void schedule_capacity_change(sim::SimTime at);
  void apply_capacity_changes();
  std::string localise(const std::string& region, const std::string& scenario_zone) const;

  WorldConfig config_;
  std::uint64_t startup_seed_;  // what a reset without a seed goes back to
  sim::Simulator simulator_;
  sim::Timeline timeline_;
  store::Stores stores_;
  capacity_model::CapacitySchedule schedule_;
  std::map<std::string, capacity_model::RegionalPool> pools_;
  // Other tenants' use of each region's pools. It is brought up to date whenever a pool is
  // looked at rather than on a timer: a periodic event would keep the instant clock running
  // forever, and the model gives the same demand however its steps are batched.
  struct Demand {
    capacity_model::BackgroundDemand model;
    std::mt19937_64 rng;
  };
  std::map<std::string, Demand> demand_;
  std::map<std::string, capacity_model::QuotaBook> quotas_;
  capacity_model::FaultBook faults_;
  capacity_model::UnavailableOfferings unavailable_;
  capacity_model::CapacityHistory history_;
  std::mt19937_64 fault_rng_;
  capacity_model::SpotInterruptions spot_;
  std::mt19937_64 spot_rng_;
  std::vector<capacity_model::CapacityStep> applied_steps_;
  std::unique_ptr<training::TrainingRunner> training_;
  std::unique_ptr<tuning::TuningController> tuning_;
};

}  // namespace emulator
