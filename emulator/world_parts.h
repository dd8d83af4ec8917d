#pragma once

// What a World is made of: shared by world.cc, which builds and runs it, and world_state.cc,
// which saves and loads it (snapshots). Private to the emulator room.

#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "capacity_model/demand.h"
#include "capacity_model/quotas.h"
#include "capacity_model/schedule.h"
#include "capacity_model/spot.h"
#include "capacity_model/unavailable_offerings.h"
#include "emulator/cloudwatch/metric_store.h"
#include "emulator/store/job_store.h"
#include "emulator/telemetry/log_store.h"
#include "emulator/training/lifecycle.h"
#include "emulator/training_metric_feed.h"
#include "emulator/tuning/tuning_controller.h"
#include "emulator/world.h"

namespace emulator {

struct World::Parts {
  explicit Parts(WorldConfig c)
      : config(std::move(c)),
        startup_seed(config.seed),
        timeline(config.max_events),
        schedule(config.scenario.changes) {}

  WorldConfig config;
  std::uint64_t startup_seed;  // what a reset without a seed goes back to
  sim::Simulator simulator;
  timeline::Timeline timeline;
  store::Stores stores;
  std::map<model::Scope, telemetry::LogStore> log_stores;
  cloudwatch::MetricStore metric_store;
  std::unique_ptr<TrainingMetricFeed> metric_feed;  // training jobs' metrics, read by metric_store
  capacity_model::CapacitySchedule schedule;
  std::map<std::string, capacity_model::RegionalPool> pools;
  // Other tenants' use of each region's pools. It is brought up to date whenever a pool is
  // looked at rather than on a timer: a periodic event would keep the instant clock running
  // forever, and the model gives the same demand however its steps are batched.
  struct Demand {
    capacity_model::BackgroundDemand model;
    std::mt19937_64 rng;
  };
  std::map<std::string, Demand> demand;
  std::map<std::string, capacity_model::QuotaBook> quotas;
  capacity_model::FaultBook faults;
  capacity_model::UnavailableOfferings unavailable;
  capacity_model::CapacityHistory history;
  std::mt19937_64 fault_rng;
  capacity_model::SpotInterruptions spot;
  std::mt19937_64 spot_rng;
  // Steps every region has seen, in order: the scenario's, and control-plane settings made
  // without a region. A region created later replays them.
  std::vector<capacity_model::CapacityStep> applied_steps;
  sim::EventHandle next_capacity_change;
  std::unique_ptr<execution::TrainingExecutor> executor;
  std::unique_ptr<training::TrainingLifecycle> training;
  std::unique_ptr<tuning::TuningController> tuning;
};

// A pool as build_pool() made it, with the other tenants' demand on it (when modelled).
struct World::BuiltPool {
  capacity_model::RegionalPool pool;
  std::optional<Parts::Demand> demand;
};

}  // namespace emulator
