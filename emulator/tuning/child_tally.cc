#include "emulator/tuning/child_tally.h"

#include <algorithm>

namespace emulator::tuning {

const ChildTally::Counts& ChildTally::refresh(store::JobStore& jobs) {
  const bool maximize = objective_type_ == model::HyperParameterTuningJobObjectiveType::Maximize;
  counts_.running = 0;
  std::erase_if(in_flight_, [&](const std::string& name) {
    const auto* child = jobs.find_training_job(name);
    if (child == nullptr) return true;  // deleted
    if (!child->is_terminal()) {
      ++counts_.running;
      return false;
    }
    if (child->status == model::TrainingJobStatus::Completed) ++counts_.completed;
    if (child->status == model::TrainingJobStatus::Failed) ++counts_.failed;
    if (child->objective_status == model::ObjectiveStatus::Succeeded && child->objective_value) {
      const double value = *child->objective_value;
      auto& best = counts_.best_objective;
      if (!best || (maximize ? value > *best : value < *best)) best = value;
    }
    return true;
  });
  return counts_;
}

}  // namespace emulator::tuning
