#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/model/scope.h"
#include "emulator/model/training_job.h"

// The training phase of a job, behind an interface: the lifecycle (emulator/training/
// training_run.h) decides when training starts and stops; an executor does the training and
// reports back. The simulated executor (emulator/training/simulated_executor.h) plays what the
// objective model predicts on the virtual clock; api/training's local executor runs real code.
// The lifecycle never knows which one ran. Its own room, so api/ can implement it without
// seeing the lifecycle.
namespace emulator::execution {

// What the objective model predicts for a job: how much work it is and what it reports.
// Computed at launch for every job; the simulated executor plays it, others ignore it.
struct SimulatedTrial {
  double work_seconds = 600;  // training compute at speed 1.0, see objective::TrialOutcome
  // The values the job's metrics reach when training completes (what it prints follows
  // curves to them). A tuning job's child has the value of its tuning objective among them.
  std::vector<model::MetricData> final_metrics;
  // Intermediate values of the objective by epoch (learning_curve[e - 1] after epoch e),
  // reported at each of `report_epochs` (ascending, 1-based) while training, so that the
  // tuner may stop the job there (early stopping, Hyperband).
  std::vector<double> learning_curve;
  std::vector<int> report_epochs;
  // How many epochs (rounds) it trains, and which way its objective goes: the shape of what
  // the simulated executor prints.
  int epochs = 10;
  bool higher_is_better = false;
};

// One start of a job's training phase (a spot interruption starts it again).
struct TrainingTask {
  const model::Scope& scope;      // the account and region that hold the job
  const model::TrainingJob& job;  // hyperparameters, and the instances it was granted
  const SimulatedTrial& trial;
  double resume_from = 0;  // share of the work already done: a restart from a checkpoint
};

// How training ended. What it reported on the way (on_metric, or the planned output) is what
// the job's final metrics are read from, however it ends.
struct ExecutionOutcome {
  bool succeeded = true;
  std::string failure_reason;  // when not succeeded: FailureReason as SageMaker words it
};

// How an execution reports back. Called on the emulator's strand at the virtual time the
// report happens; each call may stop the execution (early stopping), so an execution makes
// it the last thing it does.
class TrainingReports {
 public:
  virtual ~TrainingReports() = default;
  // The value of `metric` after `epoch` (1-based).
  virtual void on_metric(std::string_view metric, double value, int epoch) = 0;
  // A line a real process printed, escaped as CloudWatch stores it.
  virtual void on_log(std::string_view line) = 0;
  // What the simulated executor will print, planned at its start (or restart).
  virtual void on_planned_output(model::PlannedOutput output) = 0;
  virtual void on_end(ExecutionOutcome outcome) = 0;
  // After stop() of an execution whose stop takes time: it has ended now (nothing else follows).
  virtual void on_stopped() = 0;
};

// A started training phase. Destroying it ends it with no further report.
class TrainingExecution {
 public:
  virtual ~TrainingExecution() = default;
  // Ends training early (a stop, the runtime limit, a spot interruption) with no further
  // report, and says how much of the work was done (0..1).
  virtual double stop() = 0;
  // Whether stop() ends training at once (the simulated executor), or only starts to: a real
  // process gets SIGTERM and may take its grace period. Then, if the execution is kept after
  // stop(), it reports on_stopped() when training has ended; destroying it ends it silently.
  virtual bool stop_takes_time() const { return false; }
};

class TrainingExecutor {
 public:
  virtual ~TrainingExecutor() = default;
  virtual std::unique_ptr<TrainingExecution> start(const TrainingTask& task, TrainingReports& reports) = 0;
};

}  // namespace emulator::execution
