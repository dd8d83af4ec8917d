#include "emulator/tuning/tuning_controller.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include "emulator/model/training_messages.h"
#include "emulator/objective/objective_model.h"
#include "emulator/sim/rng.h"
#include "emulator/training/training_requests.h"
#include "emulator/tuning/warm_start.h"

namespace emulator::tuning {
namespace {

using model::HyperParameterTuningJobStatus;
using std::chrono::milliseconds;

// "<tuning>-NNN-xxxxxxxx" (§3.5): the suffix is derived from the tuning job ARN and the
// ordinal so names are the same on every run; `attempt` > 0 derives another one when the
// name is taken (a training job of a deleted tuning job of the same name, or a user's).
std::string child_name(const std::string& tuning_name, const std::string& tuning_arn, int ordinal, int attempt) {
  char buffer[32];
  auto seed = tuning_arn + "/" + std::to_string(ordinal);
  if (attempt > 0) seed += "/" + std::to_string(attempt);
  const auto hash = sim::stable_hash(seed);
  std::snprintf(buffer, sizeof buffer, "-%03d-%08x", ordinal, static_cast<unsigned>(hash & 0xffffffffu));
  return tuning_name + buffer;
}

bool reached(const model::TuningObjective& objective, double value, double target) {
  return objective.type == model::HyperParameterTuningJobObjectiveType::Maximize ? value >= target
                                                                                 : value <= target;
}

bool maximizes(const model::TuningObjective& objective) {
  return objective.type == model::HyperParameterTuningJobObjectiveType::Maximize;
}

}  // namespace

TuningController::Run::Run(model::Scope scope, model::TuningJob& job, ResolvedTuningJob resolved)
    : scope(std::move(scope)),
      job(job),
      resolved(std::move(resolved)),
      strategy(strategies::make_strategy(job.request->config.strategy)),
      children(model::objective_of(*job.request)->type) {}

TuningController::TuningController(sim::Simulator& simulator, timeline::Timeline& timeline, store::Stores& stores,
                                   training::TrainingLifecycle& training, TuningQuotas quotas,
                                   const capacity_model::RetryPolicy& retry,
                                   const objective::ObjectiveLibrary& objectives, std::uint64_t seed)
    : simulator_(simulator),
      timeline_(timeline),
      stores_(stores),
      training_(training),
      quotas_(quotas),
      quota_action_(retry.quota_exceeded_action),
      retry_preferred_first_(retry.retry_preferred_first),
      objectives_(objectives),
      seed_(seed) {
  training_.on_terminal(
      [this](const model::Scope& scope, const model::TrainingJob& job) { on_child_ended(scope, job); });
  training_.on_progress([this](const model::Scope& scope, const model::TrainingJob& job, int epoch, double value) {
    return on_child_progress(scope, job, epoch, value);
  });
}

TuningController::~TuningController() {
  training_.on_terminal(nullptr);
  training_.on_progress(nullptr);
}

// ---- creating and stopping ----------------------------------------------------------------

Result<const model::TuningJob*> TuningController::create(const model::Scope& scope,
                                                         model::CreateHyperParameterTuningJobRequest request) {
  auto resolved = resolve_tuning_request(request, quotas_);
  if (!resolved) return resolved.error();
  auto& jobs = stores_.at(scope);
  auto history = warm_start_history(jobs, request, *resolved, quotas_);
  if (!history) return history.error();
  if (auto room = check_room_for(scope, request); !room) return room.error();
  // Grid may omit MaxNumberOfTrainingJobs; Describe and List then show the computed one.
  auto& limits = request.config.resource_limits;
  if (request.config.strategy == model::HyperParameterTuningJobStrategyType::Grid &&
      !limits.max_number_of_training_jobs) {
    limits.max_number_of_training_jobs = resolved->max_number_of_training_jobs;
  }

  const auto now = simulator_.now();
  model::TuningJob job;
  job.name = std::move(request.name);
  job.arn = model::tuning_job_arn(scope, job.name);
  job.creation_time = now;
  job.touch(now);
  job.tags = std::move(request.tags);
  auto shared = requests_.share(std::move(request), *resolved);
  job.request = std::move(shared.request);
  job.child_specs = std::move(shared.child_specs);
  auto& stored = jobs.add_tuning_job(std::move(job));
  auto& run = start_run(scope, stored, std::move(*resolved), std::move(*history));
  record_status(scope, stored);
  if (const auto& max_runtime = stored.request->config.resource_limits.max_runtime_in_seconds) {
    run.max_runtime = simulator_.schedule_after(milliseconds(std::int64_t(*max_runtime) * 1000), [this, &run] {
      if (run.ending != Ending::None) return;
      begin_ending(run, Ending::Complete, "");
      schedule_review(run);
    });
  }
  schedule_review(run);
  return &stored;
}

Status TuningController::check_room_for(const model::Scope& scope,
                                        const model::CreateHyperParameterTuningJobRequest& request) {
  if (stores_.at(scope).find_tuning_job(request.name) != nullptr) {
    return Error{ErrorCode::ResourceInUse, "A hyperparameter tuning job with the name, " + request.name +
                                               ", already exists. Choose a different name."};
  }
  const int active = in_progress_[scope];
  if (active >= quotas_.max_concurrent_tuning_jobs) {
    return Error{ErrorCode::ResourceLimitExceeded,
                 limit_exceeded_message("Number of concurrent hyperparameter tuning jobs",
                                        quotas_.max_concurrent_tuning_jobs, active, 1)};
  }
  return Done{};
}

TuningController::Run& TuningController::start_run(const model::Scope& scope, model::TuningJob& job,
                                                   ResolvedTuningJob resolved,
                                                   std::vector<strategies::Observation> history) {
  auto run = std::make_unique<Run>(scope, job, std::move(resolved));
  // RandomSeed makes the search itself reproducible across job names, as AMT documents.
  const auto& random_seed = job.request->config.random_seed;
  run->seed = random_seed ? static_cast<std::uint64_t>(*random_seed) : seed_ ^ sim::stable_hash(job.arn);
  for (auto& def : run->resolved.definitions) run->spaces.push_back(std::move(def.space));
  run->history = std::move(history);
  if (job.request->config.early_stopping == model::TrainingJobEarlyStoppingType::Auto) run->median_rule.emplace();
  if (run->resolved.hyperband_max_resource > 0) {
    run->successive_halving.emplace(run->resolved.hyperband_min_resource, run->resolved.hyperband_max_resource);
  }
  ++in_progress_[scope];
  return *runs_.emplace(&job, std::move(run)).first->second;
}

void TuningController::adopt_loaded_requests() {
  for (const auto& [scope, jobs] : stores_.all()) {
    jobs.sorted_tuning_jobs().walk(store::ListOrder::Name, false, std::nullopt, std::nullopt,
                                   [this](const model::TuningJob& job) {
                                     requests_.adopt({job.request, job.child_specs});
                                     return true;
                                   });
  }
}

Status TuningController::stop(const model::Scope& scope, std::string_view name) {
  auto* job = stores_.at(scope).find_tuning_job(name);
  if (job == nullptr) {
    return Error{ErrorCode::ResourceNotFound,
                 "Amazon SageMaker can't find a tuning job called " + std::string(name) + ". Type another name."};
  }
  auto it = runs_.find(job);
  if (job->status != HyperParameterTuningJobStatus::InProgress || it == runs_.end()) {
    return validation_error("The request was rejected because the hyperparameter tuning job is in status " +
                            std::string(model::to_string(job->status)) + ".");
  }
  begin_ending(*it->second, Ending::Stop, "");
  schedule_review(*it->second);
  return Done{};
}

// ---- what the children report -------------------------------------------------------------

TuningController::Run* TuningController::run_of(const model::Scope& scope, const std::string& tuning_job) {
  if (tuning_job.empty()) return nullptr;  // a training job of its own
  auto it = runs_.find(stores_.at(scope).find_tuning_job(tuning_job));
  return it == runs_.end() ? nullptr : it->second.get();
}

void TuningController::on_child_ended(const model::Scope& scope, const model::TrainingJob& child) {
  Run* run = run_of(scope, child.tuning_job_name);
  if (run == nullptr) return;
  if (auto pending = run->pending.find(child.launch_ordinal); pending != run->pending.end()) {
    std::optional<double> value;
    if (child.objective_status == model::ObjectiveStatus::Succeeded) value = child.objective_value;
    run->history.push_back({pending->second, value});
    run->pending.erase(pending);
  }
  run->children.ended(child);
  run->job.touch(simulator_.now());  // its counters changed
  if (child.status == model::TrainingJobStatus::Completed) track_improvement(*run, child);
  schedule_review(*run);
}

bool TuningController::on_child_progress(const model::Scope& scope, const model::TrainingJob& child, int epoch,
                                         double value) {
  Run* run = run_of(scope, child.tuning_job_name);
  if (run == nullptr || run->ending != Ending::None) return true;
  const auto objective = model::objective_of(*run->job.request);
  bool go_on = true;
  auto rule = timeline::StoppingRule::Median;
  if (run->median_rule) {
    go_on = run->median_rule->should_continue(child.name, child.launch_ordinal, epoch, value, maximizes(*objective));
  } else if (run->successive_halving) {
    go_on = run->successive_halving->should_continue(epoch, value, maximizes(*objective));
    rule = timeline::StoppingRule::Hyperband;
  }
  if (!go_on) {
    timeline_.append(simulator_.now(),
                     {scope.region,
                      child.tuning_job_name,
                      child.name,
                      child.resource.instance_type,
                      {},
                      child.resource.instance_count,
                      objective->metric_name},
                     timeline::EarlyStopped{value, epoch, rule});
  }
  return go_on;
}

void TuningController::track_improvement(Run& run, const model::TrainingJob& child) {
  const auto objective = model::objective_of(*run.job.request);
  if (!child.objective_value || !objective) return;
  const bool maximize = maximizes(*objective);
  const double value = *child.objective_value;
  bool improved = !run.best_value;
  if (run.best_value) {
    const double margin = std::abs(*run.best_value) * kMinRelativeImprovement;
    improved = maximize ? value > *run.best_value + margin : value < *run.best_value - margin;
    if (maximize ? value > *run.best_value : value < *run.best_value) run.best_value = value;
  } else {
    run.best_value = value;
  }
  run.not_improving = improved ? 0 : run.not_improving + 1;
  const auto& config = run.job.request->config;
  if (config.max_jobs_not_improving || config.complete_on_convergence) {
    run.job.completion_details.jobs_not_improving = run.not_improving;
  }
}

// ---- deciding what happens next -----------------------------------------------------------

void TuningController::schedule_review(Run& run) {
  if (run.review.pending()) return;
  run.review = simulator_.schedule_at(simulator_.now(), [this, &run] { review(run); });
}

void TuningController::review(Run& run) {
  const auto& counts = run.children.counts();
  if (run.ending == Ending::None) {
    if (completion_criterion_met(run, counts)) {
      begin_ending(run, Ending::Complete, "");
    } else if (counts.completed == 0 && counts.failed >= kFailedAttemptsBeforeGivingUp) {
      begin_ending(run, Ending::Fail, kNoTrainingJobSucceeded);
    }
  }
  if (run.ending == Ending::None) {
    const int parallel = run.job.request->config.resource_limits.max_parallel_training_jobs;
    int running = counts.running;
    while (running < parallel && run.launched < run.resolved.max_number_of_training_jobs &&
           run.ending == Ending::None) {
      if (!launch_child(run)) break;
      ++running;
    }
    if (running == 0 && run.ending == Ending::None) begin_ending(run, Ending::Complete, "");
  }
  if (run.ending != Ending::None && run.children.counts().running == 0) finish(run);
}

bool TuningController::completion_criterion_met(Run& run, const ChildTally::Counts& counts) {
  const auto& config = run.job.request->config;
  const auto objective = model::objective_of(*run.job.request);
  if (config.target_objective_metric_value && counts.best_objective && objective &&
      reached(*objective, *counts.best_objective, *config.target_objective_metric_value)) {
    return true;
  }
  if (config.max_jobs_not_improving && run.not_improving >= *config.max_jobs_not_improving) return true;
  if (config.complete_on_convergence && run.not_improving >= kConvergenceWindow) {
    run.job.completion_details.convergence_detected_time = simulator_.now();
    run.job.changed();
    return true;
  }
  return false;
}

// ---- launching children -------------------------------------------------------------------

bool TuningController::launch_child(Run& run) {
  auto proposal = next_proposal(run);
  if (!proposal || !admit(run, *proposal)) return false;
  const int ordinal = ++run.launched;
  training::LaunchRequest launch{run.scope, make_child(run, *proposal, ordinal), {}};
  launch.plan = plan_for(run, launch.job, *proposal);

  const auto& preferred = launch.plan.candidates.front();
  timeline_.append(
      simulator_.now(),
      {run.scope.region, run.job.name, launch.job.name, preferred.instance_type, {}, preferred.instance_count},
      timeline::Launched{ordinal, run.resolved.max_number_of_training_jobs});
  run.pending[ordinal] = *proposal;
  run.job.touch(simulator_.now());
  const auto& child = training_.launch(std::move(launch));
  run.job.children.push_back(&child);
  run.children.launched(child);
  return true;
}

std::optional<strategies::Proposal> TuningController::next_proposal(Run& run) {
  if (run.deferred_proposal) return std::exchange(run.deferred_proposal, std::nullopt);
  std::vector<strategies::Proposal> pending;
  for (const auto& [_, p] : run.pending) pending.push_back(p);
  const strategies::SearchState state{run.spaces, run.history, pending, model::objective_of(*run.job.request)->type};
  // A stream per proposal rather than one engine per tuning job: an engine is 2.5 KB, and
  // thousands of tuning jobs may be running.
  auto rng = sim::make_stream(run.seed, "strategy/" + std::to_string(run.launched + 1));
  return run.strategy->propose(state, rng);
}

bool TuningController::admit(Run& run, const strategies::Proposal& proposal) {
  const auto& definition = run.job.request->definitions.at(proposal.definition);
  const auto& configs = run.resolved.definitions.at(proposal.definition).instance_configs;
  // Skip configurations over quota, or fail at the first, as retry.quotaExceededAction says.
  const auto capacity_type = definition.enable_managed_spot_training ? capacity_model::CapacityType::Spot
                                                                     : capacity_model::CapacityType::OnDemand;
  auto over = training_.over_quota(run.scope, configs, run.job.name, capacity_type);
  const auto blocked = [&] {
    return !over.empty() &&
           (quota_action_ == capacity_model::QuotaExceededAction::FailTuningJob || over.size() == configs.size());
  };
  if (!blocked()) return true;
  const bool children_running = run.children.counts().running > 0;
  // Skipping configurations, with every one over quota: while children of this job still
  // hold instances, the next launch waits for them.
  if (quota_action_ == capacity_model::QuotaExceededAction::SkipConfiguration && children_running) {
    run.deferred_proposal = proposal;  // launched once a child frees its instances
    return false;
  }
  // With none running, the job's own idle warm clusters may be what holds the quota.
  if (!children_running && training_.release_warm_pools(run.scope, run.job.name) > 0) {
    over = training_.over_quota(run.scope, configs, run.job.name, capacity_type);
  }
  if (!blocked()) return true;
  begin_ending(run, Ending::Fail, capacity_model::quota_exceeded_message(over.front()));
  return false;
}

model::TrainingJob TuningController::make_child(Run& run, const strategies::Proposal& proposal, int ordinal) {
  const auto& job = run.job;
  model::TrainingJob child;
  auto& jobs = stores_.at(run.scope);
  for (int attempt = 0; child.name.empty() || jobs.find_training_job(child.name) != nullptr; ++attempt) {
    child.name = child_name(job.name, job.arn, ordinal, attempt);
  }
  child.tuning_job_name = job.name;
  child.spec = run.job.child_specs.at(proposal.definition);
  child.launch_ordinal = ordinal;
  child.tuned_values = run.spaces.at(proposal.definition).values_in_order(proposal.unit_point);
  child.tags = job.tags;
  return child;
}

training::LaunchPlan TuningController::plan_for(Run& run, const model::TrainingJob& child,
                                                const strategies::Proposal& proposal) {
  const auto& definition = run.job.request->definitions.at(proposal.definition);
  const auto& resolved = run.resolved.definitions.at(proposal.definition);
  auto noise = sim::make_stream(run.seed, "objective/" + child.name);
  const auto hyper_parameters = child.hyper_parameters();
  const auto outcome = objective::evaluate(
      {definition.training_image.value_or(definition.algorithm_name.value_or("")), resolved.objective, hyper_parameters,
       run.spaces.at(proposal.definition), proposal.unit_point, &objectives_},
      noise);
  training::LaunchPlan plan;
  plan.candidates = candidates_for(run, resolved.instance_configs);
  plan.capacity_type = definition.enable_managed_spot_training ? capacity_model::CapacityType::Spot
                                                               : capacity_model::CapacityType::OnDemand;
  plan.checkpointing = definition.has_checkpoint_config;
  plan.max_wait_time_in_seconds = definition.max_wait_time_in_seconds;
  plan.trial.work_seconds = outcome.work_seconds;
  plan.trial.final_metrics = {model::MetricData{resolved.objective.metric_name, outcome.objective_value, {}}};
  plan.trial.epochs =
      run.successive_halving ? run.resolved.hyperband_max_resource : objective::epochs_of(hyper_parameters);
  plan.trial.higher_is_better = objective::higher_is_better(resolved.objective);
  if (run.median_rule || run.successive_halving) {
    // The child reports its objective as it trains so the tuner can stop it early.
    plan.trial.learning_curve =
        objective::learning_curve(outcome.objective_value, plan.trial.higher_is_better, plan.trial.epochs, noise);
    plan.trial.report_epochs =
        run.successive_halving ? run.successive_halving->rungs() : report_epochs(plan.trial.epochs, 100);
  }
  return plan;
}

std::vector<model::InstanceConfig> TuningController::candidates_for(const Run& run,
                                                                    const std::vector<model::InstanceConfig>& configs) {
  if (retry_preferred_first_) return configs;
  for (auto it = run.job.children.rbegin(); it != run.job.children.rend(); ++it) {
    const auto* child = *it;
    if (!child->training_start_time) continue;  // never got instances
    for (std::size_t i = 0; i < configs.size(); ++i) {
      if (configs[i].instance_type == child->resource.instance_type) {
        return {configs.begin() + std::ptrdiff_t(i), configs.end()};
      }
    }
  }
  return configs;
}

// ---- ending -------------------------------------------------------------------------------

void TuningController::begin_ending(Run& run, Ending ending, std::string reason) {
  run.ending = ending;
  run.failure_reason = std::move(reason);
  if (ending == Ending::Stop) set_status(run, HyperParameterTuningJobStatus::Stopping);
  // Children still running are stopped; the job ends once they all have.
  for (const auto* child : run.children.in_flight()) {
    if (child->status == model::TrainingJobStatus::InProgress) (void)training_.stop(run.scope, child->name);
  }
}

void TuningController::finish(Run& run) {
  auto& job = run.job;
  switch (run.ending) {
    case Ending::Complete: set_status(run, HyperParameterTuningJobStatus::Completed); break;
    case Ending::Fail:
      job.failure_reason = run.failure_reason;
      set_status(run, HyperParameterTuningJobStatus::Failed);
      break;
    case Ending::Stop: set_status(run, HyperParameterTuningJobStatus::Stopped); break;
    case Ending::None: return;
  }
  job.end_time = simulator_.now();
  training_.release_warm_pools(run.scope, job.name);
  --in_progress_[run.scope];
  runs_.erase(&job);  // destroys the run
}

void TuningController::set_status(Run& run, HyperParameterTuningJobStatus status) {
  stores_.at(run.scope).restatus(run.job, status);
  run.job.touch(simulator_.now());
  record_status(run.scope, run.job);
}

void TuningController::record_status(const model::Scope& scope, const model::TuningJob& job) {
  timeline_.append(simulator_.now(), {.region = scope.region, .tuning_job = job.name, .text = job.failure_reason},
                   timeline::TuningStatus{job.status});
}

}  // namespace emulator::tuning
