#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "capacity_model/decision.h"
#include "capacity_model/scenario.h"
#include "emulator/execution/training_executor.h"
#include "emulator/model/errors.h"
#include "emulator/model/scope.h"
#include "emulator/model/training_job.h"
#include "emulator/sim/simulator.h"
#include "emulator/store/job_store.h"
#include "emulator/timeline/timeline.h"
#include "emulator/training/launch.h"
#include "emulator/training/provisioner.h"
#include "emulator/training/reservation.h"
#include "emulator/training/supply.h"
#include "emulator/training/training_run.h"
#include "emulator/training/warm_pools.h"

namespace emulator::training {

using TerminalListener = std::function<void(const model::Scope&, const model::TrainingJob&)>;
// Answers whether a job that reported `value` of its objective after `epoch` may go on.
using ProgressListener = std::function<bool(const model::Scope&, const model::TrainingJob&, int epoch, double value)>;

// Every training job's lifecycle (training_run.h), and what the jobs share: the ledger that
// holds their instances, the warm clusters tuning jobs keep, the executor that trains.
class TrainingLifecycle {
 public:
  TrainingLifecycle(sim::Simulator& simulator, timeline::Timeline& timeline, store::Stores& stores, SupplyLookup supply,
                    execution::TrainingExecutor& executor, capacity_model::RetryPolicy retry, std::uint64_t seed);
  ~TrainingLifecycle();

  model::TrainingJob& launch(LaunchRequest request);
  // Whether any training job is still in progress.
  bool busy() const { return !runs_.empty(); }
  // Nothing in progress and no instance kept warm: what a snapshot can be taken at.
  bool idle() const { return runs_.empty() && warm_pools_.empty(); }
  // The account quotas ("<type> for training job usage") these configurations exceed now. A
  // configuration a warm cluster of `tuning_job` matches is never over: a child takes that
  // cluster, not new instances.
  std::vector<capacity_model::QuotaExceeded> over_quota(
      const model::Scope& scope, const std::vector<model::InstanceConfig>& configs, const std::string& tuning_job = {},
      capacity_model::CapacityType capacity_type = capacity_model::CapacityType::OnDemand);
  // StopTrainingJob: only an InProgress job can be stopped.
  Status stop(const model::Scope& scope, std::string_view name);
  void on_terminal(TerminalListener listener) { terminal_listener_ = std::move(listener); }
  void on_progress(ProgressListener listener) { progress_listener_ = std::move(listener); }
  // A tuning job that ended has no next child: its warm clusters go back to the pool. Returns
  // how many were released.
  std::size_t release_warm_pools(const model::Scope& scope, const std::string& tuning_job);

 private:
  friend class TrainingRun;

  ProvisionSources sources(const model::Scope& scope) { return {supply_(scope.region), warm_pools_, ledger_, scope}; }
  bool may_go_on(const model::Scope& scope, const model::TrainingJob& job, int epoch, double value);
  // The run ended: it is destroyed, then the tuner hears of it.
  void finished(TrainingRun& run);
  void record(const model::Scope& scope, const model::TrainingJob& job, timeline::Payload payload,
              std::string_view text = {});
  // A finished tuning child keeps its instances warm for the next child (WarmPools).
  void park_warm(const model::Scope& scope, const model::TrainingJob& owner, capacity_model::CapacityType capacity_type,
                 Reservation reservation);
  void expire_warm(const model::Scope& scope, const std::string& tuning_key, capacity_model::LeaseId lease);
  void retire_warm(const model::Scope& scope, WarmCluster cluster);

  sim::Simulator& simulator_;
  timeline::Timeline& timeline_;
  store::Stores& stores_;
  SupplyLookup supply_;
  execution::TrainingExecutor& executor_;
  capacity_model::RetryPolicy retry_;
  std::uint64_t seed_;
  TerminalListener terminal_listener_;
  ProgressListener progress_listener_;
  // Declared before what holds reservations, so it outlives them.
  Ledger ledger_;
  WarmPools warm_pools_;
  std::unordered_map<const model::TrainingJob*, std::unique_ptr<TrainingRun>> runs_;  // live jobs, by record
};

}  // namespace emulator::training
