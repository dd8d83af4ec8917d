#include "emulator/tuning/child_tally.h"

#include <algorithm>

namespace emulator::tuning {

void ChildTally::launched(const model::TrainingJob& child) {
  if (child.is_terminal()) return;  // it ended as it started (no retry window), and was counted then
  in_flight_.push_back(&child);
  counts_.running = static_cast<int>(in_flight_.size());
}

void ChildTally::ended(const model::TrainingJob& child) {
  std::erase(in_flight_, &child);
  counts_.running = static_cast<int>(in_flight_.size());
  if (child.status == model::TrainingJobStatus::Completed) ++counts_.completed;
  if (child.status == model::TrainingJobStatus::Failed) ++counts_.failed;
  if (child.objective_status == model::ObjectiveStatus::Succeeded && child.objective_value) {
    const bool maximize = objective_type_ == model::HyperParameterTuningJobObjectiveType::Maximize;
    const double value = *child.objective_value;
    auto& best = counts_.best_objective;
    if (!best || (maximize ? value > *best : value < *best)) best = value;
  }
}

}  // namespace emulator::tuning
