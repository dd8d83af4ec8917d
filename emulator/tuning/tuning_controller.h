#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
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

  Result<const model::TuningJob*> create(const model::Scope& scope,
                                         model::CreateHyperParameterTuningJobRequest request);
  Status stop(const model::Scope& scope, std::string_view name);
  // Whether any tuning job is still in progress.
  bool busy() const { return !runs_.empty(); }
  // Called by the training runner whenever a job reaches a terminal status.
  void on_training_job_ended(const model::Scope& scope, const model::TrainingJob& job);
  // Called by the training runner when a child reports its objective after an epoch;
  // false stops the child (early stopping, Hyperband).
  bool on_training_progress(const model::TrainingJob& job, int epoch, double value);

 private:
  enum class Ending { None, Complete, Fail, Stop };
  struct Run {
    model::Scope scope;
    std::string name;
    ResolvedTuningJob resolved;
    std::unique_ptr<strategies::Strategy> strategy;
    std::uint64_t seed = 0;
    std::vector<search::SearchSpace> spaces;
    std::vector<strategies::Observation> history;
    std::map<std::string, strategies::Proposal> pending;  // by child name
    // Drawn but not launched (every configuration over quota for now): the next launch takes it.
    std::optional<strategies::Proposal> deferred_proposal;
    int launched = 0;
    ChildTally children{model::HyperParameterTuningJobObjectiveType::Minimize};
    std::optional<MedianStoppingRule> median_rule;      // TrainingJobEarlyStoppingType=Auto
    std::optional<SuccessiveHalving> successive_halving;  // Hyperband
    std::optional<double> best_value;
    int not_improving = 0;  // completed jobs in a row that did not improve on the best
    bool strategy_exhausted = false;  // Grid ran out of combinations
    sim::EventHandle review;          // decides what happens next, after the events of this instant
    sim::EventHandle max_runtime;     // ResourceLimits.MaxRuntimeInSeconds
    Ending ending = Ending::None;
    std::string failure_reason;
  };

  model::TuningJob* job_of(const Run& run);
  // Decides what happens next. Runs as its own event after everything else at the same
  // virtual instant, so simultaneous child endings are all seen before deciding.
  void schedule_review(const std::string& key);
  void review(const std::string& key);
  // False when no child was launched: the strategy has nothing left, or quotas ended the job
  // or hold the launch back until a running child ends.
  bool launch_child(Run& run, model::TuningJob& job);
  std::optional<strategies::Proposal> next_proposal(Run& run, const model::TuningJob& job);
  // The configurations a new child walks: all of them in preference order, or — with
  // retry.retryPreferredFirst false — from the one the latest child got onwards.
  std::vector<model::InstanceConfig> candidates_for(const Run& run, const model::TuningJob& job,
                                                   const std::vector<model::InstanceConfig>& configs);
  void track_improvement(Run& run, model::TuningJob& job, const model::TrainingJob& child);
  // The completion criteria of TuningJobCompletionCriteria; true when one is met.
  bool completion_criterion_met(Run& run, model::TuningJob& job, const ChildTally::Counts& counts);
  void begin_ending(Run& run, model::TuningJob& job, Ending ending, std::string reason);
  void finish(Run& run, model::TuningJob& job);
  void set_status(Run& run, model::TuningJob& job, model::HyperParameterTuningJobStatus status);
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
  std::map<std::string, Run> runs_;  // by tuning job ARN, while the job is not terminal
};

}  // namespace emulator::tuning
