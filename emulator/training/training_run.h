#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "emulator/execution/training_executor.h"
#include "emulator/model/scope.h"
#include "emulator/model/training_job.h"
#include "emulator/sim/event_handle.h"
#include "emulator/timeline/event.h"
#include "emulator/training/launch.h"
#include "emulator/training/provisioner.h"
#include "emulator/training/reservation.h"

namespace emulator::training {

class TrainingLifecycle;

// Why a job leaves training early: StopTrainingJob (or its tuner), MaxRuntimeInSeconds,
// MaxWaitTimeInSeconds (spot), or a tuner's early-stopping decision (whose last reported
// value becomes the objective).
enum class StopReason { Requested, MaxRuntime, MaxWait, EarlyStopping };

// One live training job as a state machine over the phases of §3.3 and §3.4:
//
//   WaitingForCapacity ──granted──▶ Launching ──▶ Downloading ──▶ Training ──▶ Uploading ──▶ Completed
//        │   ▲ ICE: re-walk the candidates every backoff; the window passes → Failed (CapacityError)
//        │   └── spot interruption (any phase with instances): release, Interrupted, start again
//        └── stop (request, runtime limit, spot max wait, early stopping) from any phase ──▶ Stopping ──▶ Stopped
//
// Entering a phase is one function each; each does the status bookkeeping, the timeline
// record and arms the phase's timer. The training phase itself is an executor's (executor.h).
// The run owns what the job holds (its reservation, its timers, its execution), so ending it
// gives everything back; it refers to its record, which cannot be deleted while it runs.
class TrainingRun final : private execution::TrainingReports {
 public:
  enum class Phase { WaitingForCapacity, Launching, Downloading, Training, Uploading, Stopping };

  TrainingRun(TrainingLifecycle& lifecycle, const model::Scope& scope, model::TrainingJob& job, LaunchPlan plan);
  TrainingRun(const TrainingRun&) = delete;
  TrainingRun& operator=(const TrainingRun&) = delete;

  void start();
  // Stops a job that is in progress; a job already stopping goes on stopping.
  void stop(StopReason reason);
  model::TrainingJob& job() { return job_; }
  const model::Scope& scope() const { return scope_; }

 private:
  // The phases, in order.
  void attempt();
  void wait_for_capacity();
  void launch_instances(Provisioned granted);
  void begin_downloading();
  void begin_training();
  void begin_uploading();
  void complete();
  void fail(std::string reason);
  void begin_stopping(StopReason reason);
  void stop_grace_over();
  void finish_stopped();
  void settle_metrics();
  void interrupt();

  // execution::TrainingReports.
  void on_metric(std::string_view metric, double value, int epoch) override;
  void on_log(std::string_view line) override;
  void on_planned_output(model::PlannedOutput output) override;
  void on_end(execution::ExecutionOutcome outcome) override;
  void on_stopped() override;

  void set_status(model::TrainingJobStatus status);
  void enter(model::SecondaryStatus status, model::StatusMessage message);
  void record(timeline::Payload payload, std::string_view text = {});
  void after(sim::SimTime delay, void (TrainingRun::*step)());
  sim::SimTime phase_duration(std::string_view phase, double low_s, double high_s) const;
  sim::SimTime runtime_limit() const;
  void arm_interruption(const std::string& zone);
  void stop_execution();
  // What the job prints from now on (its container starts), and where a stop cut it short.
  model::TrainingOutput& output();
  // Gives the instances back (a finished or interrupted job), or keeps them warm for the next
  // child of the tuning job.
  void release();
  void keep_warm();
  void stop_billing();
  void set_billing();

  TrainingLifecycle& lifecycle_;
  const model::Scope& scope_;  // as the stores keep it
  model::TrainingJob& job_;
  LaunchPlan plan_;
  Phase phase_ = Phase::WaitingForCapacity;
  Reservation reservation_;
  std::unique_ptr<execution::TrainingExecution> execution_;
  void (TrainingRun::*next_step_)() = nullptr;  // what timer_ runs
  sim::EventHandle timer_;                      // the current phase's next step
  sim::EventHandle runtime_limit_;             // MaxRuntimeInSeconds, while training
  sim::EventHandle max_wait_;                  // MaxWaitTimeInSeconds, for managed spot
  sim::EventHandle interruption_;              // the next spot interruption
  sim::SimTime first_attempt_{0};              // of the current wait for capacity
  double progress_ = 0;                        // share of the work done before the last spot interruption
  std::optional<sim::SimTime> billing_since_;  // instances billed from Downloading to release
  sim::SimTime billed_{0};
  bool stop_grace_over_ = false;  // while a stopping execution has not ended yet
  StopReason stop_reason_ = StopReason::Requested;
};

}  // namespace emulator::training
