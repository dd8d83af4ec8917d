#include "emulator/training/simulated_executor.h"

#include <algorithm>
#include <cmath>

#include "emulator/model/training_messages.h"
#include "emulator/telemetry/printed_output.h"

namespace emulator::training {
namespace {

using std::chrono::milliseconds;

// The name the tuner gives its objective among a child's hyperparameters.

class SimulatedExecution final : public execution::TrainingExecution {
 public:
  SimulatedExecution(sim::Simulator& simulator, const execution::TrainingTask& task, sim::SimTime duration,
                     execution::TrainingReports& reports)
      : simulator_(simulator), job_(task.job), trial_(task.trial), reports_(reports), duration_(duration) {
    if (const auto* objective = task.job.hyper_parameter(model::kTuningObjectiveKey)) {
      objective_metric_ = *objective;
    } else if (!trial_.final_metrics.empty()) {
      objective_metric_ = trial_.final_metrics.front().metric_name;
    }
    // Resumed from a checkpoint: the work (and the reports) already done are skipped.
    started_ = simulator_.now() - milliseconds(std::llround(double(duration_.count()) * task.resume_from));
    const auto epochs = static_cast<double>(trial_.learning_curve.size());
    while (next_report_ < trial_.report_epochs.size() &&
           trial_.report_epochs[next_report_] / epochs <= task.resume_from) {
      ++next_report_;
    }
    reports_.on_planned_output(planned_output());
    schedule_next();
  }

  double stop() override {
    next_.cancel();
    const double done =
        double((simulator_.now() - started_).count()) / double(std::max<std::int64_t>(duration_.count(), 1));
    return std::clamp(done, 0.0, 1.0);
  }

 private:
  model::PlannedOutput planned_output() const {
    model::PlannedOutput output;
    output.begins = started_;
    output.ends = started_ + duration_;
    output.epochs = std::max(trial_.epochs, 1);
    output.higher_is_better = trial_.higher_is_better;
    output.final_metrics = std::make_shared<const std::vector<model::MetricData>>(trial_.final_metrics);
    if (!trial_.learning_curve.empty()) {
      output.epochs = int(trial_.learning_curve.size());
      output.objective_curve = std::make_shared<const std::vector<double>>(trial_.learning_curve);
    }
    return output;
  }

  // The next intermediate report, or the end of training when none is left.
  void schedule_next() {
    const auto epochs = static_cast<std::int64_t>(trial_.learning_curve.size());
    if (next_report_ < trial_.report_epochs.size() && epochs > 0) {
      const auto at = started_ + duration_ * trial_.report_epochs[next_report_] / epochs;
      next_ = simulator_.schedule_at(at, [this] { report(); });
      return;
    }
    const auto remaining = std::max(sim::SimTime(0), started_ + duration_ - simulator_.now());
    next_ = simulator_.schedule_after(remaining, [this] { end(); });
  }

  // The tuner hears what the job's regexes read of the objective on the epoch's line: nothing
  // when they read nothing.
  void report() {
    const int epoch = trial_.report_epochs[next_report_++];
    schedule_next();
    const auto value = telemetry::value_read_at(job_, objective_metric_, epoch);
    if (value) reports_.on_metric(objective_metric_, *value, epoch);  // last: it may stop (and destroy) this execution
  }

  void end() { reports_.on_end({}); }

  sim::Simulator& simulator_;
  const model::TrainingJob& job_;  // outlives its executions
  const execution::SimulatedTrial& trial_;
  execution::TrainingReports& reports_;
  sim::SimTime duration_;
  sim::SimTime started_{0};
  std::string objective_metric_;
  std::size_t next_report_ = 0;
  sim::EventHandle next_;
};

}  // namespace

std::unique_ptr<execution::TrainingExecution> SimulatedExecutor::start(const execution::TrainingTask& task,
                                                                       execution::TrainingReports& reports) {
  const auto* spec = catalog_.find(task.job.resource.instance_type);
  const double speed = spec != nullptr && spec->speed > 0 ? spec->speed : 1.0;
  const sim::SimTime duration = milliseconds(std::llround(task.trial.work_seconds / speed * 1000));
  return std::make_unique<SimulatedExecution>(simulator_, task, duration, reports);
}

}  // namespace emulator::training
