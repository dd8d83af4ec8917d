#include "emulator/tuning/tuning_summary.h"

namespace emulator::tuning {

bool is_retryable_failure(const model::TrainingJob& job) {
  const auto& reason = job.failure_reason;
  return reason.rfind("CapacityError", 0) == 0 || reason.rfind("InternalServerError", 0) == 0;
}

model::TuningProgress summarize(const model::TuningJob& job) {
  using model::TrainingJobStatus;
  model::TuningProgress progress;
  const auto objective = model::objective_of(*job.request);
  const bool maximize =
      objective && objective->type == model::HyperParameterTuningJobObjectiveType::Maximize;
  for (const auto* child : job.children) {
    switch (child->status) {
      case TrainingJobStatus::Completed: ++progress.training.completed; break;
      case TrainingJobStatus::InProgress:
      case TrainingJobStatus::Stopping: ++progress.training.in_progress; break;
      case TrainingJobStatus::Stopped: ++progress.training.stopped; break;
      case TrainingJobStatus::Failed:
        ++(is_retryable_failure(*child) ? progress.training.retryable_error
                                        : progress.training.non_retryable_error);
        break;
      case TrainingJobStatus::Deleting: break;
    }
    switch (child->objective_status) {
      case model::ObjectiveStatus::Succeeded: ++progress.objective.succeeded; break;
      case model::ObjectiveStatus::Pending: ++progress.objective.pending; break;
      case model::ObjectiveStatus::Failed: ++progress.objective.failed; break;
    }
    if (child->objective_status == model::ObjectiveStatus::Succeeded && child->objective_value) {
      // Ties go to the earlier job: children are walked in launch order.
      const double value = *child->objective_value;
      if (progress.best == nullptr ||
          (maximize ? value > *progress.best->objective_value : value < *progress.best->objective_value)) {
        progress.best = child;
      }
    }
  }
  return progress;
}

}  // namespace emulator::tuning
