#pragma once

#include <optional>
#include <vector>

#include "emulator/model/training_job.h"
#include "emulator/model/tuning_request.h"

namespace emulator::tuning {

// What the tuner decides on after each child ends: how many children still run, how many
// completed or failed, and the best objective so far. Each child is counted as it ends, so a
// review costs nothing however many children the job launched (it may launch thousands).
class ChildTally {
 public:
  struct Counts {
    int running = 0;
    int completed = 0;
    int failed = 0;
    std::optional<double> best_objective;  // over children whose objective succeeded
  };

  explicit ChildTally(model::HyperParameterTuningJobObjectiveType objective_type) : objective_type_(objective_type) {}

  // A child the lifecycle started; one that already ended is not in flight.
  void launched(const model::TrainingJob& child);
  // Folds a child that reached a terminal status into the totals; called once per child.
  void ended(const model::TrainingJob& child);
  const Counts& counts() const { return counts_; }
  // The children still running, in launch order. A running child cannot be deleted, so the
  // records are there.
  const std::vector<const model::TrainingJob*>& in_flight() const { return in_flight_; }

 private:
  model::HyperParameterTuningJobObjectiveType objective_type_;
  std::vector<const model::TrainingJob*> in_flight_;
  Counts counts_;
};

}  // namespace emulator::tuning
