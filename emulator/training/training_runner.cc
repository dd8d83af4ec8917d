#include "emulator/training/training_runner.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "emulator/sim/rng.h"
#include "emulator/training/provisioner.h"

namespace emulator::training {
namespace {

using model::SecondaryStatus;
using model::TrainingJobStatus;
using std::chrono::milliseconds;

constexpr milliseconds kStopGrace{std::chrono::seconds(15)};

// "arn:aws:sagemaker:<region>:<account>:training-job/<name>" → region.
std::string region_of(const std::string& arn) {
  const auto start = arn.find(':', arn.find(':', arn.find(':') + 1) + 1) + 1;
  return arn.substr(start, arn.find(':', start) - start);
}

// Spot capacity costs about 30 % of on-demand (AWS advertises up to 90 % savings; 70 % is
// typical for training instances).
constexpr double kSpotPriceRatio = 0.3;

// How long a finished tuning child's cluster waits for the next child (emulator choice;
// SageMaker does not document AMT's warm-pool period).
constexpr milliseconds kTuningWarmPoolKeepAlive{std::chrono::minutes(5)};

int whole_seconds(sim::SimTime duration) {
  return std::max(1, static_cast<int>((duration.count() + 999) / 1000));
}

}  // namespace

TrainingRunner::TrainingRunner(sim::Simulator& simulator, timeline::Timeline& timeline,
                               store::Stores& stores, const capacity_model::Catalog& catalog,
                               SupplyLookup supply, capacity_model::RetryPolicy retry,
                               std::uint64_t seed)
    : simulator_(simulator),
      timeline_(timeline),
      stores_(stores),
      catalog_(catalog),
      supply_(std::move(supply)),
      retry_(retry),
      seed_(seed) {}

model::TrainingJob& TrainingRunner::launch(LaunchRequest request) {
  const auto now = simulator_.now();
  auto& job = stores_.at(request.scope).add_training_job(std::move(request.job));
  job.status = TrainingJobStatus::InProgress;
  job.creation_time = now;
  job.last_modified_time = now;
  // Until a configuration is granted, the job shows the one it prefers.
  if (!request.candidates.empty()) job.resource = request.candidates.front();
  enter(job, SecondaryStatus::Starting, "Launching requested ML instances.");

  Run run;
  run.scope = request.scope;
  run.name = job.name;
  run.candidates = std::move(request.candidates);
  run.capacity_type = request.capacity_type;
  run.checkpointing = request.checkpointing;
  run.work_seconds = request.work_seconds;
  run.final_metrics = std::move(request.final_metrics);
  run.objective_value = request.objective_value;
  run.learning_curve = std::move(request.learning_curve);
  run.report_epochs = std::move(request.report_epochs);
  run.first_attempt = now;
  const std::string key = job.arn;
  if (request.capacity_type == capacity_model::CapacityType::Spot && request.max_wait_time_in_seconds) {
    run.max_wait_event = simulator_.schedule_after(milliseconds(std::int64_t(*request.max_wait_time_in_seconds) * 1000),
                                                   [this, key] { begin_stopping(key, StopReason::MaxWait); });
  }
  runs_.insert_or_assign(key, std::move(run));
  attempt(key);
  return job;
}

model::TrainingJob* TrainingRunner::job_of(const Run& run) {
  return stores_.at(run.scope).find_training_job(run.name);
}

void TrainingRunner::attempt(const std::string& key) {
  auto it = runs_.find(key);
  if (it == runs_.end()) return;
  Run& run = it->second;
  auto* job = job_of(run);
  if (job == nullptr) return end(key);
  run.next_event.reset();

  const auto now = simulator_.now();
  ProvisionSubject subject{run.scope.account, run.scope.region, job->tuning_job_name, job->name};
  auto granted = provision(supply_(run.scope.region), run.candidates, run.capacity_type, subject, now, timeline_);
  if (granted) {
    run.lease = granted->lease;
    job->resource = run.candidates[granted->config_index];
    auto& last = job->transitions.back();
    last.status_message = "Preparing the instances for training.";
    job->last_modified_time = now;
    // Spot capacity can be reclaimed whether the cluster is new or taken from a warm pool.
    if (run.capacity_type == capacity_model::CapacityType::Spot) {
      auto supply = supply_(run.scope.region);
      const auto& config = job->resource;
      if (auto at = supply.spot.next_interruption(config.instance_type, granted->zone, now, supply.spot_rng,
                                                  config.instance_count)) {
        run.interrupt_event = simulator_.schedule_at(*at, [this, key] { interrupt(key); });
      }
    }
    if (const auto& warm = granted->reused) {
      simulator_.cancel(warm->expiry);
      if (auto* owner = stores_.at(run.scope).find_training_job(warm->owner); owner != nullptr && owner->warm_pool) {
        owner->warm_pool->status = "Reused";
        owner->warm_pool->reused_by = job->name;
        owner->warm_pool->ended = now;
      }
      // A warm cluster is already up: the job starts in seconds.
      schedule(run, phase_duration(run, "reuse", 5, 15), &TrainingRunner::begin_downloading);
      return;
    }
    schedule(run, phase_duration(run, "launch", 60, 150), &TrainingRunner::begin_downloading);
    return;
  }

  // Spot jobs wait for capacity until MaxWaitTimeInSeconds; on-demand ones for the window.
  const auto deadline = run.max_wait_event ? sim::SimTime::max() : run.first_attempt + retry_.window;
  if (now >= deadline) return fail_for_capacity(key);
  auto& last = job->transitions.back();
  if (last.status_message != kIceStatusMessage) {
    last.status_message = kIceStatusMessage;
    job->last_modified_time = now;
  }
  const auto retry_at = deadline - now > retry_.backoff ? now + retry_.backoff : deadline;
  record(*job, timeline::Waiting{int((retry_at - now).count() / 1000)});
  schedule(run, retry_at - now, &TrainingRunner::attempt);
}

void TrainingRunner::begin_downloading(const std::string& key) {
  Run& run = runs_.at(key);
  auto* job = job_of(run);
  if (job == nullptr) return end(key);
  if (!job->training_start_time) job->training_start_time = simulator_.now();
  run.billing_since = simulator_.now();
  enter(*job, SecondaryStatus::Downloading, "Downloading input data");
  // The runtime limit counts from the moment instances are billed, across every phase.
  const auto limit = milliseconds(std::int64_t(job->max_runtime_in_seconds) * 1000);
  schedule(run, std::min(phase_duration(run, "download", 20, 60), limit),
           &TrainingRunner::begin_training);
}

void TrainingRunner::begin_training(const std::string& key) {
  Run& run = runs_.at(key);
  auto* job = job_of(run);
  if (job == nullptr) return end(key);
  const auto limit = milliseconds(std::int64_t(job->max_runtime_in_seconds) * 1000);
  const auto elapsed = simulator_.now() - *job->training_start_time;
  if (elapsed >= limit) return begin_stopping(key, StopReason::MaxRuntime);
  enter(*job, SecondaryStatus::Training, "Training image download completed. Training in progress.");
  // A job resumed from a checkpoint skips the work (and the reports) it had done.
  const auto full = training_duration(run, *job);
  run.training_started = simulator_.now() - milliseconds(std::llround(double(full.count()) * run.progress));
  const auto epochs = static_cast<double>(run.learning_curve.size());
  while (run.next_report < run.report_epochs.size() && run.report_epochs[run.next_report] / epochs <= run.progress) {
    ++run.next_report;
  }
  if (elapsed + milliseconds(std::llround(double(full.count()) * (1 - run.progress))) > limit) {
    run.runtime_event = simulator_.schedule_after(limit - elapsed, [this, key] { begin_stopping(key, StopReason::MaxRuntime); });
  }
  schedule_progress(run, *job);
}

// The next intermediate report, or the end of training when none is left. Epochs take
// equal shares of the training time.
void TrainingRunner::schedule_progress(Run& run, const model::TrainingJob& job) {
  const auto training = training_duration(run, job);
  const auto epochs = static_cast<std::int64_t>(run.learning_curve.size());
  if (run.next_report < run.report_epochs.size() && epochs > 0) {
    const auto at = run.training_started + training * run.report_epochs[run.next_report] / epochs;
    const std::string key = job.arn;
    run.next_event = simulator_.schedule_at(at, [this, key] { report_progress(key); });
    return;
  }
  const auto remaining = std::max(sim::SimTime(0), run.training_started + training - simulator_.now());
  schedule(run, remaining, &TrainingRunner::begin_uploading);
}

void TrainingRunner::report_progress(const std::string& key) {
  Run& run = runs_.at(key);
  auto* job = job_of(run);
  if (job == nullptr) return end(key);
  const int epoch = run.report_epochs[run.next_report++];
  const double value = run.learning_curve.at(std::size_t(epoch) - 1);
  run.last_report = {epoch, value};
  if (progress_listener_ && !progress_listener_(run.scope, *job, epoch, value)) {
    return begin_stopping(key, StopReason::EarlyStopping);
  }
  schedule_progress(run, *job);
}

void TrainingRunner::begin_uploading(const std::string& key) {
  Run& run = runs_.at(key);
  auto* job = job_of(run);
  if (job == nullptr) return end(key);
  if (run.runtime_event) simulator_.cancel(*run.runtime_event);
  run.runtime_event.reset();
  enter(*job, SecondaryStatus::Uploading, "Uploading generated training model");
  schedule(run, phase_duration(run, "upload", 10, 30), &TrainingRunner::complete);
}

void TrainingRunner::complete(const std::string& key) {
  Run& run = runs_.at(key);
  auto* job = job_of(run);
  if (job == nullptr) return end(key);
  const auto now = simulator_.now();
  job->status = TrainingJobStatus::Completed;
  enter(*job, SecondaryStatus::Completed, "Training job completed");
  job->transitions.back().end_time = now;
  job->training_end_time = now;
  if (!job->tuning_job_arn.empty() && run.lease) {
    keep_warm(run, *job);
  } else {
    release(run, *job);
  }
  set_billing(run, *job);
  for (auto& metric : run.final_metrics) metric.timestamp = now;
  job->final_metrics = std::move(run.final_metrics);
  job->objective_value = run.objective_value;
  job->objective_status =
      run.objective_value ? model::ObjectiveStatus::Succeeded : model::ObjectiveStatus::Failed;
  end(key);
}

void TrainingRunner::fail_for_capacity(const std::string& key) {
  Run& run = runs_.at(key);
  auto* job = job_of(run);
  if (job == nullptr) return end(key);
  const auto now = simulator_.now();
  job->status = TrainingJobStatus::Failed;
  job->failure_reason = kCapacityErrorReason;
  job->objective_status = model::ObjectiveStatus::Failed;
  enter(*job, SecondaryStatus::Failed, kCapacityErrorReason);
  job->transitions.back().end_time = now;
  record(*job, timeline::CapacityError{}, kCapacityErrorReason);
  end(key);
}

std::vector<capacity_model::QuotaExceeded> TrainingRunner::over_quota(
    const model::Scope& scope, const std::vector<model::InstanceConfig>& configs, const std::string& tuning_job,
    capacity_model::CapacityType capacity_type) {
  std::vector<capacity_model::QuotaExceeded> over;
  auto& quotas = supply_(scope.region).quotas;
  const auto warm_key = tuning_key({scope.account, scope.region, tuning_job, ""});
  for (const auto& config : configs) {
    if (!tuning_job.empty() && warm_pools_.holds(warm_key, config, capacity_type)) continue;
    if (auto exceeded = quotas.check(scope.account, config.instance_type, config.instance_count)) {
      over.push_back(*exceeded);
    }
  }
  return over;
}

Status TrainingRunner::stop(const model::Scope& scope, std::string_view name) {
  auto* job = stores_.at(scope).find_training_job(name);
  if (job == nullptr) {
    return Error{ErrorCode::ResourceNotFound, "Requested resource not found."};
  }
  if (job->status != TrainingJobStatus::InProgress) {
    return validation_error("The request was rejected because the training job is in status " +
                            std::string(model::to_string(job->status)) + ".");
  }
  begin_stopping(job->arn, StopReason::Requested);
  return Done{};
}

void TrainingRunner::begin_stopping(const std::string& key, StopReason reason) {
  auto it = runs_.find(key);
  if (it == runs_.end()) return;
  Run& run = it->second;
  auto* job = job_of(run);
  if (job == nullptr) return end(key);
  if (job->status != TrainingJobStatus::InProgress) return;  // already stopping
  if (run.next_event) simulator_.cancel(*run.next_event);
  if (run.runtime_event) simulator_.cancel(*run.runtime_event);
  run.stop_reason = reason;
  job->status = TrainingJobStatus::Stopping;
  const char* why = reason == StopReason::MaxRuntime      ? "Stopping the training job: MaxRuntimeInSeconds reached."
                    : reason == StopReason::MaxWait       ? "Stopping the training job: MaxWaitTimeInSeconds reached."
                    : reason == StopReason::EarlyStopping ? "Stopping the training job: stopped early by the tuning job."
                                                          : "Stopping the training job.";
  enter(*job, SecondaryStatus::Stopping, why);
  schedule(run, kStopGrace, &TrainingRunner::finish_stopped);
}

void TrainingRunner::finish_stopped(const std::string& key) {
  Run& run = runs_.at(key);
  auto* job = job_of(run);
  if (job == nullptr) return end(key);
  const auto now = simulator_.now();
  job->status = TrainingJobStatus::Stopped;
  if (run.stop_reason == StopReason::MaxWait) {
    enter(*job, SecondaryStatus::MaxWaitTimeExceeded, "Training job stopped: MaxWaitTimeInSeconds exceeded.");
  } else if (run.stop_reason == StopReason::MaxRuntime) {
    enter(*job, SecondaryStatus::MaxRuntimeExceeded, "Training job stopped: MaxRuntimeInSeconds exceeded.");
  } else {
    enter(*job, SecondaryStatus::Stopped, "Training job stopped");
  }
  job->transitions.back().end_time = now;
  release(run, *job);
  if (job->training_start_time) {
    job->training_end_time = now;
    set_billing(run, *job);
  }
  // An early-stopped job's last reported value is its final objective (§3.9); other stops
  // leave no objective.
  if (run.stop_reason == StopReason::EarlyStopping && run.last_report && !run.final_metrics.empty()) {
    job->final_metrics = {{run.final_metrics.front().metric_name, run.last_report->second, now}};
    job->objective_value = run.last_report->second;
    job->objective_status = model::ObjectiveStatus::Succeeded;
  } else {
    job->objective_status = model::ObjectiveStatus::Failed;
  }
  end(key);
}

void TrainingRunner::schedule(Run& run, sim::SimTime delay,
                              void (TrainingRunner::*step)(const std::string&)) {
  const auto* job = job_of(run);
  const std::string key = job != nullptr ? job->arn : std::string();
  run.next_event = simulator_.schedule_after(delay, [this, key, step] { (this->*step)(key); });
}

sim::SimTime TrainingRunner::training_duration(const Run& run, const model::TrainingJob& job) const {
  // Work is measured on an instance of speed 1.0: a fallback to a faster or slower type
  // changes how long (and so how much billable time) the same trial takes.
  const auto* spec = catalog_.find(job.resource.instance_type);
  const double speed = spec != nullptr && spec->speed > 0 ? spec->speed : 1.0;
  return milliseconds(std::llround(run.work_seconds / speed * 1000));
}

void TrainingRunner::enter(model::TrainingJob& job, SecondaryStatus status, std::string message) {
  const auto now = simulator_.now();
  if (!job.transitions.empty() && !job.transitions.back().end_time) {
    job.transitions.back().end_time = now;
  }
  job.transitions.push_back({status, now, std::nullopt, message});
  job.secondary_status = status;
  job.last_modified_time = now;

  record(job, timeline::TrainingStatus{job.status, status}, job.transitions.back().status_message);
}

void TrainingRunner::record(const model::TrainingJob& job, timeline::Payload payload, std::string_view text) {
  timeline_.append(simulator_.now(),
                   {region_of(job.arn),
                    job.tuning_job_name,
                    job.name,
                    job.resource.instance_type,
                    {},
                    job.resource.instance_count,
                    text},
                   std::move(payload));
}

void TrainingRunner::set_billing(const Run& run, model::TrainingJob& job) {
  const auto now = simulator_.now();
  job.training_time_in_seconds = whole_seconds(now - *job.training_start_time);
  if (run.capacity_type == capacity_model::CapacityType::Spot) {
    // Managed spot bills the instance time actually used at the spot price, which shows as
    // BillableTimeInSeconds below TrainingTimeInSeconds (savings = 1 − billable/training).
    job.billable_time_in_seconds =
        std::max(1, static_cast<int>(std::ceil(double(run.billed.count()) / 1000.0 * kSpotPriceRatio)));
  } else {
    job.billable_time_in_seconds = job.training_time_in_seconds;
  }
}

void TrainingRunner::keep_warm(Run& run, model::TrainingJob& job) {
  if (run.interrupt_event) simulator_.cancel(*run.interrupt_event);
  run.interrupt_event.reset();
  if (run.billing_since) run.billed += simulator_.now() - *run.billing_since;
  run.billing_since.reset();
  auto supply = supply_(run.scope.region);
  const auto lease = supply.pool.lease(*run.lease);
  WarmCluster cluster;
  cluster.tuning_key = tuning_key({run.scope.account, run.scope.region, job.tuning_job_name, job.name});
  cluster.config = job.resource;
  cluster.capacity_type = run.capacity_type;
  cluster.lease = *run.lease;
  cluster.zone = lease ? lease->zone : std::string();
  cluster.owner = job.name;
  const auto key = cluster.tuning_key;
  const auto id = *run.lease;
  cluster.expiry = simulator_.schedule_after(kTuningWarmPoolKeepAlive, [this, key, id] { expire_warm(key, id); });
  warm_pools_.park(std::move(cluster));
  run.lease.reset();
  job.warm_pool = model::WarmPoolRecord{"Available", std::nullopt, std::nullopt};
  record(job, timeline::KeptWarm{int(kTuningWarmPoolKeepAlive.count() / 1000)});
}

void TrainingRunner::expire_warm(const std::string& tuning_key, capacity_model::LeaseId lease) {
  auto cluster = warm_pools_.expire(tuning_key, lease);
  if (!cluster) return;
  // tuning_key is "<account>/<region>/<tuning job>".
  const auto first = tuning_key.find('/');
  const auto second = tuning_key.find('/', first + 1);
  release_warm({tuning_key.substr(0, first), tuning_key.substr(first + 1, second - first - 1)}, std::move(*cluster));
}

std::size_t TrainingRunner::release_warm_pools(const model::Scope& scope, const std::string& tuning_job) {
  auto clusters = warm_pools_.take_all(tuning_key({scope.account, scope.region, tuning_job, ""}));
  for (auto& cluster : clusters) {
    simulator_.cancel(cluster.expiry);
    release_warm(scope, std::move(cluster));
  }
  return clusters.size();
}

void TrainingRunner::release_warm(const model::Scope& scope, WarmCluster cluster) {
  auto supply = supply_(scope.region);
  supply.pool.release(cluster.lease);
  supply.quotas.release(scope.account, cluster.config.instance_type, cluster.config.instance_count);
  if (auto usage = supply.pool.usage_of(cluster.config.instance_type, cluster.zone, cluster.capacity_type)) {
    supply.history.record(simulator_.now(), scope.region, *usage);
  }
  if (auto* owner = stores_.at(scope).find_training_job(cluster.owner)) {
    if (owner->warm_pool) {
      owner->warm_pool->status = "Terminated";
      owner->warm_pool->ended = simulator_.now();
    }
    record(*owner, timeline::WarmPoolReleased{});
  }
}

void TrainingRunner::interrupt(const std::string& key) {
  auto it = runs_.find(key);
  if (it == runs_.end()) return;
  Run& run = it->second;
  auto* job = job_of(run);
  if (job == nullptr) return end(key);
  run.interrupt_event.reset();
  if (job->status != TrainingJobStatus::InProgress) return;  // stopping anyway
  const auto now = simulator_.now();
  if (run.next_event) simulator_.cancel(*run.next_event);
  if (run.runtime_event) simulator_.cancel(*run.runtime_event);
  run.runtime_event.reset();
  if (job->secondary_status == SecondaryStatus::Training) {
    const double done = double((now - run.training_started).count()) / double(training_duration(run, *job).count());
    run.progress = std::clamp(done, run.progress, 1.0);
  }
  // Without a checkpoint the work starts over; with one it resumes where it was.
  if (!run.checkpointing) {
    run.progress = 0;
    run.next_report = 0;
  }
  record(*job, timeline::Interrupted{int(run.progress * 100), run.checkpointing});
  release(run, *job);
  enter(*job, SecondaryStatus::Interrupted, "Spot capacity was reclaimed.");
  enter(*job, SecondaryStatus::Starting, "Launching requested ML instances.");
  run.first_attempt = now;
  attempt(key);
}

void TrainingRunner::release(Run& run, model::TrainingJob& job) {
  if (run.interrupt_event) simulator_.cancel(*run.interrupt_event);
  run.interrupt_event.reset();
  if (run.billing_since) run.billed += simulator_.now() - *run.billing_since;
  run.billing_since.reset();
  if (!run.lease) return;
  auto supply = supply_(run.scope.region);
  const auto lease = supply.pool.lease(*run.lease);
  supply.pool.release(*run.lease);
  supply.quotas.release(run.scope.account, job.resource.instance_type, job.resource.instance_count);
  if (lease) {
    if (auto usage = supply.pool.usage_of(lease->instance_type, lease->zone, lease->capacity_type)) {
      supply.history.record(simulator_.now(), run.scope.region, *usage);
    }
  }
  run.lease.reset();
  record(job, timeline::Released{});
}

void TrainingRunner::end(const std::string& key) {
  auto it = runs_.find(key);
  if (it == runs_.end()) return;
  Run run = std::move(it->second);
  runs_.erase(it);
  if (run.max_wait_event) simulator_.cancel(*run.max_wait_event);
  if (run.interrupt_event) simulator_.cancel(*run.interrupt_event);
  auto* job = job_of(run);
  if (run.lease) {  // the job's record was deleted under it
    auto supply = supply_(run.scope.region);
    if (const auto lease = supply.pool.lease(*run.lease)) {
      supply.quotas.release(run.scope.account, lease->instance_type, lease->count);
    }
    supply.pool.release(*run.lease);
  }
  if (job != nullptr && terminal_listener_) terminal_listener_(run.scope, *job);
}

sim::SimTime TrainingRunner::phase_duration(const Run& run, std::string_view phase, double low_s,
                                            double high_s) {
  // One stream per (job, phase): durations do not shift when another job's events interleave.
  auto stream = sim::make_stream(seed_, run.scope.account + "/" + run.scope.region + "/" +
                                            run.name + "/" + std::string(phase));
  const double seconds = std::uniform_real_distribution<double>(low_s, high_s)(stream);
  return milliseconds(std::llround(seconds * 1000));
}

}  // namespace emulator::training
