#include "emulator/training/training_run.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "emulator/model/training_messages.h"
#include "emulator/sim/rng.h"
#include "emulator/telemetry/printed_output.h"
#include "emulator/training/lifecycle.h"

namespace emulator::training {
namespace {

using model::SecondaryStatus;
using model::StatusMessage;
using model::TrainingJobStatus;
using std::chrono::milliseconds;

constexpr milliseconds kStopGrace{std::chrono::seconds(15)};

// Spot capacity costs about 30 % of on-demand (AWS advertises up to 90 % savings; 70 % is
// typical for training instances).
constexpr double kSpotPriceRatio = 0.3;

int whole_seconds(sim::SimTime duration) { return std::max(1, static_cast<int>((duration.count() + 999) / 1000)); }

milliseconds seconds_of(int seconds) { return milliseconds(std::int64_t(seconds) * 1000); }

}  // namespace

TrainingRun::TrainingRun(TrainingLifecycle& lifecycle, const model::Scope& scope, model::TrainingJob& job,
                         LaunchPlan plan)
    : lifecycle_(lifecycle), scope_(scope), job_(job), plan_(std::move(plan)) {}

void TrainingRun::start() {
  const auto now = lifecycle_.simulator_.now();
  // Until a configuration is granted, the job shows the one it prefers.
  if (!plan_.candidates.empty()) job_.resource = plan_.candidates.front();
  enter(SecondaryStatus::Starting, StatusMessage::LaunchingInstances);
  first_attempt_ = now;
  if (plan_.waits_for_spot()) {
    max_wait_ = lifecycle_.simulator_.schedule_after(seconds_of(*plan_.max_wait_time_in_seconds),
                                                     [this] { stop(StopReason::MaxWait); });
  }
  attempt();
}

// ---- waiting for capacity -----------------------------------------------------------------

void TrainingRun::attempt() {
  phase_ = Phase::WaitingForCapacity;
  const ProvisionSubject subject{scope_.account, scope_.region, job_.tuning_job_name, job_.name};
  auto granted = provision(lifecycle_.sources(scope_), plan_.candidates, plan_.capacity_type, subject,
                           lifecycle_.simulator_.now(), lifecycle_.timeline_);
  if (granted) return launch_instances(std::move(*granted));
  wait_for_capacity();
}

void TrainingRun::wait_for_capacity() {
  const auto now = lifecycle_.simulator_.now();
  // Spot jobs wait for capacity until MaxWaitTimeInSeconds; on-demand ones for the window.
  const auto deadline = plan_.waits_for_spot() ? sim::SimTime::max() : first_attempt_ + lifecycle_.retry_.window;
  if (now >= deadline) return fail(model::kCapacityErrorReason);
  auto& last = job_.transitions.back();
  if (last.message != StatusMessage::InsufficientCapacity) {
    last.message = StatusMessage::InsufficientCapacity;
    job_.touch(now);
  }
  const auto retry_at = deadline - now > lifecycle_.retry_.backoff ? now + lifecycle_.retry_.backoff : deadline;
  record(timeline::Waiting{int((retry_at - now).count() / 1000)});
  after(retry_at - now, &TrainingRun::attempt);
}

void TrainingRun::launch_instances(Provisioned granted) {
  phase_ = Phase::Launching;
  reservation_ = std::move(granted.reservation);
  job_.resource = plan_.candidates[granted.config_index];
  job_.transitions.back().message = StatusMessage::PreparingInstances;
  job_.touch(lifecycle_.simulator_.now());
  // Spot capacity can be reclaimed whether the cluster is new or taken from a warm pool.
  if (plan_.capacity_type == capacity_model::CapacityType::Spot) arm_interruption(granted.zone);
  if (granted.reused_from) {
    // A warm cluster is already up: the job starts in seconds.
    return after(phase_duration("reuse", 5, 15), &TrainingRun::begin_downloading);
  }
  after(phase_duration("launch", 60, 150), &TrainingRun::begin_downloading);
}

// ---- downloading, training, uploading ------------------------------------------------------

void TrainingRun::begin_downloading() {
  phase_ = Phase::Downloading;
  const auto now = lifecycle_.simulator_.now();
  if (!job_.training_start_time) job_.training_start_time = now;
  billing_since_ = now;
  enter(SecondaryStatus::Downloading, StatusMessage::DownloadingInput);
  // The runtime limit counts from the moment instances are billed, across every phase.
  after(std::min(phase_duration("download", 20, 60), runtime_limit()), &TrainingRun::begin_training);
}

void TrainingRun::begin_training() {
  const auto elapsed = lifecycle_.simulator_.now() - *job_.training_start_time;
  if (elapsed >= runtime_limit()) return begin_stopping(StopReason::MaxRuntime);
  phase_ = Phase::Training;
  enter(SecondaryStatus::Training, StatusMessage::Training);
  output().cut.reset();
  execution_ = lifecycle_.executor_.start({scope_, job_, plan_.trial, progress_}, *this);
  runtime_limit_ =
      lifecycle_.simulator_.schedule_after(runtime_limit() - elapsed, [this] { stop(StopReason::MaxRuntime); });
}

void TrainingRun::on_metric(std::string_view metric, double value, int epoch) {
  // A planned output already holds what the simulated executor reports.
  if (auto& out = output(); !out.planned) {
    if (out.values.size() < model::TrainingOutput::kMaxKeptLines) {
      out.values.push_back({lifecycle_.simulator_.now(), std::string(metric), value});
    }
    if (auto it = out.latest.find(metric); it != out.latest.end()) {
      it->second = value;
    } else {
      out.latest.emplace(std::string(metric), value);
    }
  }
  const auto* objective = job_.hyper_parameter(model::kTuningObjectiveKey);
  if (objective == nullptr || *objective != metric || phase_ != Phase::Training) return;
  if (!lifecycle_.may_go_on(scope_, job_, epoch, value)) begin_stopping(StopReason::EarlyStopping);
}

void TrainingRun::on_log(std::string_view line) {
  auto& lines = output().lines;
  if (lines.size() < model::TrainingOutput::kMaxKeptLines)
    lines.push_back({lifecycle_.simulator_.now(), std::string(line)});
}

void TrainingRun::on_planned_output(model::PlannedOutput planned) { output().planned = std::move(planned); }

model::TrainingOutput& TrainingRun::output() {
  if (!job_.output) {
    job_.output = std::make_shared<model::TrainingOutput>();
    job_.output->first_printed = lifecycle_.simulator_.now();
  }
  return *job_.output;
}

void TrainingRun::on_end(execution::ExecutionOutcome outcome) {
  execution_.reset();  // the execution's last act was this report
  if (!outcome.succeeded) return fail(std::move(outcome.failure_reason));
  begin_uploading();
}

void TrainingRun::begin_uploading() {
  phase_ = Phase::Uploading;
  runtime_limit_.cancel();
  enter(SecondaryStatus::Uploading, StatusMessage::Uploading);
  after(phase_duration("upload", 10, 30), &TrainingRun::complete);
}

void TrainingRun::complete() {
  const auto now = lifecycle_.simulator_.now();
  set_status(TrainingJobStatus::Completed);
  enter(SecondaryStatus::Completed, StatusMessage::Completed);
  job_.transitions.back().end_time = now;
  job_.training_end_time = now;
  if (job_.is_tuning_child() && reservation_.held()) {
    keep_warm();
  } else {
    release();
  }
  set_billing();
  settle_metrics();
  lifecycle_.finished(*this);  // destroys this run
}

void TrainingRun::fail(std::string reason) {
  const auto now = lifecycle_.simulator_.now();
  const bool capacity = reason == model::kCapacityErrorReason;
  set_status(TrainingJobStatus::Failed);
  job_.failure_reason = reason;
  enter(SecondaryStatus::Failed, StatusMessage::FailureReason);
  job_.transitions.back().end_time = now;
  if (capacity) record(timeline::CapacityError{}, reason);
  release();
  if (job_.training_start_time) {
    job_.training_end_time = now;
    set_billing();
  }
  settle_metrics();
  lifecycle_.finished(*this);  // destroys this run
}

// What a job reports when it ends, whatever ended it (§3.3, §3.7): FinalMetricDataList holds
// the last value of every metric it published (a stop keeps what was printed before it), and
// a tuning child that published its objective and did not fail has that value as its final
// objective, so a child stopped by a limit, the user or the tuner counts as Succeeded.
void TrainingRun::settle_metrics() {
  job_.final_metrics = telemetry::final_metrics(job_, lifecycle_.simulator_.now());
  job_.objective_value.reset();
  const auto* objective = job_.hyper_parameter(model::kTuningObjectiveKey);
  if (objective != nullptr && job_.status != TrainingJobStatus::Failed) {
    for (const auto& metric : job_.final_metrics) {
      if (metric.metric_name == *objective) job_.objective_value = metric.value;
    }
  }
  job_.objective_status = job_.objective_value ? model::ObjectiveStatus::Succeeded : model::ObjectiveStatus::Failed;
}

// ---- stopping and interruption ------------------------------------------------------------

void TrainingRun::stop(StopReason reason) {
  if (job_.status == TrainingJobStatus::InProgress) begin_stopping(reason);
}

void TrainingRun::begin_stopping(StopReason reason) {
  phase_ = Phase::Stopping;
  timer_.cancel();
  runtime_limit_.cancel();
  interruption_.cancel();
  if (execution_ && execution_->stop_takes_time()) {
    progress_ = std::max(progress_, execution_->stop());  // kept until on_stopped()
  } else {
    stop_execution();
  }
  stop_reason_ = reason;
  set_status(TrainingJobStatus::Stopping);
  const auto why = reason == StopReason::MaxRuntime      ? StatusMessage::StoppingAtMaxRuntime
                   : reason == StopReason::MaxWait       ? StatusMessage::StoppingAtMaxWait
                   : reason == StopReason::EarlyStopping ? StatusMessage::StoppingEarly
                                                         : StatusMessage::Stopping;
  enter(SecondaryStatus::Stopping, why);
  after(kStopGrace, &TrainingRun::stop_grace_over);
}

// Stopped once the grace SageMaker takes has passed and training has really ended.
void TrainingRun::stop_grace_over() {
  if (execution_) {
    stop_grace_over_ = true;
    return;
  }
  finish_stopped();
}

void TrainingRun::on_stopped() {
  execution_.reset();  // its last act was this report
  if (stop_grace_over_) finish_stopped();
}

void TrainingRun::finish_stopped() {
  const auto now = lifecycle_.simulator_.now();
  set_status(TrainingJobStatus::Stopped);
  if (stop_reason_ == StopReason::MaxWait) {
    enter(SecondaryStatus::MaxWaitTimeExceeded, StatusMessage::StoppedAtMaxWait);
  } else if (stop_reason_ == StopReason::MaxRuntime) {
    enter(SecondaryStatus::MaxRuntimeExceeded, StatusMessage::StoppedAtMaxRuntime);
  } else {
    enter(SecondaryStatus::Stopped, StatusMessage::Stopped);
  }
  job_.transitions.back().end_time = now;
  release();
  if (job_.training_start_time) {
    job_.training_end_time = now;
    set_billing();
  }
  settle_metrics();
  lifecycle_.finished(*this);  // destroys this run
}

void TrainingRun::interrupt() {
  timer_.cancel();
  runtime_limit_.cancel();
  if (phase_ == Phase::Training) {
    progress_ = std::max(progress_, execution_->stop());
    output().cut = lifecycle_.simulator_.now();
  }
  execution_.reset();
  // Without a checkpoint the work starts over; with one it resumes where it was.
  if (!plan_.checkpointing) progress_ = 0;
  record(timeline::Interrupted{int(progress_ * 100), plan_.checkpointing});
  release();
  enter(SecondaryStatus::Interrupted, StatusMessage::Interrupted);
  enter(SecondaryStatus::Starting, StatusMessage::LaunchingInstances);
  first_attempt_ = lifecycle_.simulator_.now();
  attempt();
}

void TrainingRun::arm_interruption(const std::string& zone) {
  auto supply = lifecycle_.supply_(scope_.region);
  const auto& config = job_.resource;
  const auto now = lifecycle_.simulator_.now();
  if (auto at =
          supply.spot.next_interruption(config.instance_type, zone, now, supply.spot_rng, config.instance_count)) {
    interruption_ = lifecycle_.simulator_.schedule_at(*at, [this] { interrupt(); });
  }
}

void TrainingRun::stop_execution() {
  if (execution_) {
    (void)execution_->stop();
    output().cut = lifecycle_.simulator_.now();
  }
  execution_.reset();
}

// ---- instances and billing ----------------------------------------------------------------

void TrainingRun::release() {
  interruption_.cancel();
  stop_billing();
  if (!reservation_.held()) return;
  reservation_.give_back();
  record(timeline::Released{});
}

void TrainingRun::keep_warm() {
  interruption_.cancel();
  stop_billing();
  lifecycle_.park_warm(scope_, job_, plan_.capacity_type, std::move(reservation_));
}

void TrainingRun::stop_billing() {
  if (billing_since_) billed_ += lifecycle_.simulator_.now() - *billing_since_;
  billing_since_.reset();
}

void TrainingRun::set_billing() {
  job_.training_time_in_seconds = whole_seconds(lifecycle_.simulator_.now() - *job_.training_start_time);
  if (plan_.capacity_type == capacity_model::CapacityType::Spot) {
    // Managed spot bills the instance time actually used at the spot price, which shows as
    // BillableTimeInSeconds below TrainingTimeInSeconds (savings = 1 − billable/training).
    job_.billable_time_in_seconds =
        std::max(1, static_cast<int>(std::ceil(double(billed_.count()) / 1000.0 * kSpotPriceRatio)));
  } else {
    job_.billable_time_in_seconds = job_.training_time_in_seconds;
  }
}

// ---- bookkeeping --------------------------------------------------------------------------

void TrainingRun::enter(SecondaryStatus status, StatusMessage message) {
  const auto now = lifecycle_.simulator_.now();
  if (!job_.transitions.empty() && !job_.transitions.back().end_time) job_.transitions.back().end_time = now;
  job_.transitions.push_back({status, message, now, std::nullopt});
  job_.secondary_status = status;
  job_.touch(now);
  record(timeline::TrainingStatus{job_.status, status, message},
         message == StatusMessage::FailureReason ? std::string_view(job_.failure_reason) : std::string_view());
}

void TrainingRun::set_status(TrainingJobStatus status) { lifecycle_.stores_.at(scope_).restatus(job_, status); }

void TrainingRun::record(timeline::Payload payload, std::string_view text) {
  lifecycle_.record(scope_, job_, std::move(payload), text);
}

void TrainingRun::after(sim::SimTime delay, void (TrainingRun::*step)()) {
  next_step_ = step;  // kept here so the event's closure is one pointer, stored without an allocation
  timer_ = lifecycle_.simulator_.schedule_after(delay, [this] { (this->*next_step_)(); });
}

sim::SimTime TrainingRun::runtime_limit() const { return seconds_of(job_.spec->max_runtime_in_seconds); }

sim::SimTime TrainingRun::phase_duration(std::string_view phase, double low_s, double high_s) const {
  // One stream per (job, phase): durations do not shift when another job's events interleave.
  auto stream = sim::make_stream(lifecycle_.seed_,
                                 scope_.account + "/" + scope_.region + "/" + job_.name + "/" + std::string(phase));
  const double seconds = std::uniform_real_distribution<double>(low_s, high_s)(stream);
  return milliseconds(std::llround(seconds * 1000));
}

}  // namespace emulator::training
