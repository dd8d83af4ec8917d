#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "capacity_model/catalog.h"
#include "capacity_model/decision.h"
#include "capacity_model/pool.h"
#include "capacity_model/scenario.h"
#include "emulator/model/errors.h"
#include "emulator/model/training_job.h"
#include "emulator/sim/simulator.h"
#include "emulator/timeline/timeline.h"
#include "emulator/store/job_store.h"
#include "emulator/training/provisioner.h"

namespace emulator::training {

inline constexpr const char* kIceStatusMessage =
    "Insufficient capacity error from EC2 while launching instances, retrying!";
inline constexpr const char* kCapacityErrorReason =
    "CapacityError: Unable to provision requested ML compute capacity. Please retry using a "
    "different ML instance type.";

// What a new training job needs besides its description: where it may run, in order of
// preference, and what it will report once trained.
struct LaunchRequest {
  model::Scope scope;
  model::TrainingJob job;  // identity and description filled; status fields are set here
  std::vector<model::InstanceConfig> candidates;
  capacity_model::CapacityType capacity_type = capacity_model::CapacityType::OnDemand;  // Spot: managed spot training
  // Spot: whether a CheckpointConfig lets an interrupted job resume where it was, and how
  // long (StoppingCondition.MaxWaitTimeInSeconds) it may wait for spot capacity in all.
  bool checkpointing = false;
  std::optional<int> max_wait_time_in_seconds;
  double work_seconds = 600;  // training compute at speed 1.0, see objective::TrialOutcome
  // What the job reports when training completes (timestamps are set then). A tuning
  // job's child also has the value of the tuning objective among them.
  std::vector<model::MetricData> final_metrics;
  std::optional<double> objective_value;
  // Intermediate values of the objective by epoch (learning_curve[e - 1] after epoch e),
  // reported to the progress listener at each of `report_epochs` (ascending, 1-based) while
  // training; the listener may stop the job there (early stopping, Hyperband).
  std::vector<double> learning_curve;
  std::vector<int> report_epochs;
};

using SupplyLookup = std::function<Supply(const std::string& region)>;
using TerminalListener = std::function<void(const model::Scope&, const model::TrainingJob&)>;
// Answers whether a job that reported `value` after `epoch` may go on training.
using ProgressListener =
    std::function<bool(const model::Scope&, const model::TrainingJob&, int epoch, double value)>;

// The training-job lifecycle of §3.3 and §3.4 on the virtual clock:
// Starting (asking the pool; on ICE, re-walking the candidates every backoff until the
// retry window closes) → Downloading → Training → Uploading → Completed, with Stopping →
// Stopped, MaxRuntimeExceeded and CapacityError. Instances are held from grant to end.
class TrainingRunner {
 public:
  TrainingRunner(sim::Simulator& simulator, timeline::Timeline& timeline, store::Stores& stores,
                 const capacity_model::Catalog& catalog, SupplyLookup supply,
                 capacity_model::RetryPolicy retry, std::uint64_t seed);

  model::TrainingJob& launch(LaunchRequest request);
  // Whether any training job is still in progress.
  bool busy() const { return !runs_.empty(); }
  // The account quotas ("<type> for training job usage") these configurations exceed now. A
  // configuration a warm cluster of `tuning_job` matches is never over: a child takes that
  // cluster, not new instances.
  std::vector<capacity_model::QuotaExceeded> over_quota(
      const model::Scope& scope, const std::vector<model::InstanceConfig>& configs,
      const std::string& tuning_job = {},
      capacity_model::CapacityType capacity_type = capacity_model::CapacityType::OnDemand);
  // StopTrainingJob: only an InProgress job can be stopped.
  Status stop(const model::Scope& scope, std::string_view name);
  void on_terminal(TerminalListener listener) { terminal_listener_ = std::move(listener); }
  WarmPools& warm_pools() { return warm_pools_; }
  // A tuning job that ended has no next child: its warm clusters go back to the pool. Returns
  // how many were released.
  std::size_t release_warm_pools(const model::Scope& scope, const std::string& tuning_job);
  void on_progress(ProgressListener listener) { progress_listener_ = std::move(listener); }
  void clear() {
    runs_.clear();
    warm_pools_.clear();
  }

 private:
  // Why a job left training early: StopTrainingJob (or its tuner), MaxRuntimeInSeconds, or
  // a tuner's early-stopping decision (whose last reported value becomes the objective).
  enum class StopReason { Requested, MaxRuntime, MaxWait, EarlyStopping };

  struct Run {
    model::Scope scope;
    std::string name;
    std::vector<model::InstanceConfig> candidates;
    capacity_model::CapacityType capacity_type = capacity_model::CapacityType::OnDemand;
    double work_seconds = 0;
    std::vector<model::MetricData> final_metrics;
    std::optional<double> objective_value;
    std::vector<double> learning_curve;
    std::vector<int> report_epochs;
    std::size_t next_report = 0;
    bool checkpointing = false;
    double progress = 0;  // share of the work done before the last spot interruption
    std::optional<sim::SimTime> billing_since;  // instances billed from Downloading to release
    sim::SimTime billed{0};
    std::optional<sim::EventId> interrupt_event;
    std::optional<sim::EventId> max_wait_event;
    std::optional<std::pair<int, double>> last_report;  // (epoch, value)
    sim::SimTime first_attempt{0};
    sim::SimTime training_started{0};
    std::optional<capacity_model::LeaseId> lease;
    std::optional<sim::EventId> next_event;
    std::optional<sim::EventId> runtime_event;
    StopReason stop_reason = StopReason::Requested;
  };

  model::TrainingJob* job_of(const Run& run);
  void attempt(const std::string& key);
  void begin_downloading(const std::string& key);
  void interrupt(const std::string& key);
  void begin_training(const std::string& key);
  void schedule_progress(Run& run, const model::TrainingJob& job);
  void report_progress(const std::string& key);
  void begin_uploading(const std::string& key);
  void complete(const std::string& key);
  void fail_for_capacity(const std::string& key);
  void begin_stopping(const std::string& key, StopReason reason);
  void finish_stopped(const std::string& key);
  void schedule(Run& run, sim::SimTime delay, void (TrainingRunner::*step)(const std::string&));
  sim::SimTime training_duration(const Run& run, const model::TrainingJob& job) const;
  void enter(model::TrainingJob& job, model::SecondaryStatus status, std::string message);
  // Appends an event about `job` (its current instance configuration) to the timeline.
  void record(const model::TrainingJob& job, timeline::Payload payload, std::string_view text = {});
  void release(Run& run, model::TrainingJob& job);
  void set_billing(const Run& run, model::TrainingJob& job);
  // A finished tuning child keeps its instances warm for the next child (WarmPools).
  void keep_warm(Run& run, model::TrainingJob& job);
  void expire_warm(const std::string& tuning_key, capacity_model::LeaseId lease);
  void release_warm(const model::Scope& scope, WarmCluster cluster);
  void end(const std::string& key);
  sim::SimTime phase_duration(const Run& run, std::string_view phase, double low_s, double high_s);

  sim::Simulator& simulator_;
  timeline::Timeline& timeline_;
  store::Stores& stores_;
  const capacity_model::Catalog& catalog_;
  SupplyLookup supply_;
  capacity_model::RetryPolicy retry_;
  std::uint64_t seed_;
  TerminalListener terminal_listener_;
  ProgressListener progress_listener_;
  WarmPools warm_pools_;
  std::map<std::string, Run> runs_;  // by training job ARN, only while the job is not terminal
};

}  // namespace emulator::training
