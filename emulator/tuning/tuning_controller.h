#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "capacity_model/scenario.h"
#include "emulator/model/errors.h"
#include "emulator/model/tuning_job.h"
#include "emulator/objective/objective_library.h"
#include "emulator/sim/simulator.h"
#include "emulator/store/job_store.h"
#include "emulator/strategies/strategy.h"
#include "emulator/timeline/timeline.h"
#include "emulator/training/lifecycle.h"
#include "emulator/tuning/child_tally.h"
#include "emulator/tuning/early_stopping.h"
#include "emulator/tuning/quotas.h"
#include "emulator/tuning/request_pool.h"
#include "emulator/tuning/request_rules.h"

namespace emulator::tuning {

inline constexpr const char* kNoTrainingJobSucceeded =
    "No training job succeeded after 5 attempts. Please take a look at the training job "
    "failures to get more details.";
inline constexpr int kFailedAttemptsBeforeGivingUp = 5;
// A job "improves" on the best when it beats it by at least 1 % (§3.10).
inline constexpr double kMinRelativeImprovement = 0.01;
// ConvergenceDetected: this many completed jobs in a row without improvement (emulator rule).
inline constexpr int kConvergenceWindow = 10;

// Runs tuning jobs: keeps MaxParallelTrainingJobs children in flight until
// MaxNumberOfTrainingJobs were launched, MaxRuntimeInSeconds passed, the target objective
// was reached, or five children failed without a success; then ends the job as AMT does.
class TuningController {
 public:
  TuningController(sim::Simulator& simulator, timeline::Timeline& timeline, store::Stores& stores,
                   training::TrainingLifecycle& training, TuningQuotas quotas, const capacity_model::RetryPolicy& retry,
                   const objective::ObjectiveLibrary& objectives, std::uint64_t seed);
  ~TuningController();

  Result<const model::TuningJob*> create(const model::Scope& scope,
                                         model::CreateHyperParameterTuningJobRequest request);
  Status stop(const model::Scope& scope, std::string_view name);
  // Whether any tuning job is still in progress.
  bool busy() const { return !runs_.empty(); }
  // After a snapshot's jobs were loaded into the stores: their requests are pooled again.
  void adopt_loaded_requests();

 private:
  enum class Ending { None, Complete, Fail, Stop };
  // A tuning job in progress, beside its record (which cannot be deleted while it runs).
  struct Run {
    Run(model::Scope scope, model::TuningJob& job, ResolvedTuningJob resolved);

    model::Scope scope;
    model::TuningJob& job;
    ResolvedTuningJob resolved;
    std::unique_ptr<strategies::Strategy> strategy;
    std::uint64_t seed = 0;
    std::vector<search::SearchSpace> spaces;  // per definition, moved out of `resolved`
    std::vector<strategies::Observation> history;
    std::map<int, strategies::Proposal> pending;  // by the child's launch ordinal
    // Drawn but not launched (every configuration over quota for now): the next launch takes it.
    std::optional<strategies::Proposal> deferred_proposal;
    int launched = 0;
    ChildTally children;
    std::optional<MedianStoppingRule> median_rule;        // TrainingJobEarlyStoppingType=Auto
    std::optional<SuccessiveHalving> successive_halving;  // Hyperband
    std::optional<double> best_value;
    int not_improving = 0;  // completed jobs in a row that did not improve on the best
    Ending ending = Ending::None;
    std::string failure_reason;
    sim::EventHandle review;       // decides what happens next, after the events of this instant
    sim::EventHandle max_runtime;  // ResourceLimits.MaxRuntimeInSeconds
  };

  Status check_room_for(const model::Scope& scope, const model::CreateHyperParameterTuningJobRequest& request);
  Run& start_run(const model::Scope& scope, model::TuningJob& job, ResolvedTuningJob resolved,
                 std::vector<strategies::Observation> history);
  Run* run_of(const model::Scope& scope, const std::string& tuning_job);
  // Called by the training lifecycle whenever a child reaches a terminal status.
  void on_child_ended(const model::Scope& scope, const model::TrainingJob& child);
  // Called when a child reports its objective after an epoch; false stops the child (early
  // stopping, Hyperband).
  bool on_child_progress(const model::Scope& scope, const model::TrainingJob& child, int epoch, double value);
  // Decides what happens next. Runs as its own event after everything else at the same
  // virtual instant, so simultaneous child endings are all seen before deciding.
  void schedule_review(Run& run);
  void review(Run& run);
  // False when no child was launched: the strategy has nothing left, or quotas ended the job
  // or hold the launch back until a running child ends.
  bool launch_child(Run& run);
  // Instance quotas are checked before a child is created (§3.4): false when the proposal
  // must wait for a running child, or the job fails for them.
  bool admit(Run& run, const strategies::Proposal& proposal);
  model::TrainingJob make_child(Run& run, const strategies::Proposal& proposal, int ordinal);
  training::LaunchPlan plan_for(Run& run, const model::TrainingJob& child, const strategies::Proposal& proposal);
  std::optional<strategies::Proposal> next_proposal(Run& run);
  // The configurations a new child walks: all of them in preference order, or — with
  // retry.retryPreferredFirst false — from the one the latest child got onwards.
  std::vector<model::InstanceConfig> candidates_for(const Run& run, const std::vector<model::InstanceConfig>& configs);
  void track_improvement(Run& run, const model::TrainingJob& child);
  // The completion criteria of TuningJobCompletionCriteria; true when one is met.
  bool completion_criterion_met(Run& run, const ChildTally::Counts& counts);
  void begin_ending(Run& run, Ending ending, std::string reason);
  void finish(Run& run);
  void set_status(Run& run, model::HyperParameterTuningJobStatus status);
  void record_status(const model::Scope& scope, const model::TuningJob& job);

  sim::Simulator& simulator_;
  timeline::Timeline& timeline_;
  store::Stores& stores_;
  training::TrainingLifecycle& training_;
  TuningQuotas quotas_;
  capacity_model::QuotaExceededAction quota_action_;
  bool retry_preferred_first_;
  const objective::ObjectiveLibrary& objectives_;
  std::uint64_t seed_;
  std::unordered_map<const model::TuningJob*, std::unique_ptr<Run>> runs_;  // jobs in progress, by record
  std::map<model::Scope, int> in_progress_;  // per account and region: AMT's concurrency quota
  RequestPool requests_;
};

}  // namespace emulator::tuning
