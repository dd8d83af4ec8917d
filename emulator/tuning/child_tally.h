#pragma once

#include <optional>
#include <string>
#include <vector>

#include "emulator/model/tuning_request.h"
#include "emulator/store/job_store.h"

namespace emulator::tuning {

// What the tuner decides on after each child ends: how many children still run, how many
// completed or failed, and the best objective so far. Ended children are folded into running
// totals, so a review costs the children in flight rather than every child the job launched
// (a tuning job may launch thousands). The children's records stay the truth: a child counts
// as ended when its record is terminal, whoever ended it.
class ChildTally {
 public:
  struct Counts {
    int running = 0;
    int completed = 0;
    int failed = 0;
    std::optional<double> best_objective;  // over children whose objective succeeded
  };

  explicit ChildTally(model::HyperParameterTuningJobObjectiveType objective_type) : objective_type_(objective_type) {}

  void launched(std::string child_name) { in_flight_.push_back(std::move(child_name)); }
  // Folds the children that ended since the last call into the totals.
  const Counts& refresh(store::JobStore& jobs);
  // Children not yet seen ended, in launch order.
  const std::vector<std::string>& in_flight() const { return in_flight_; }

 private:
  model::HyperParameterTuningJobObjectiveType objective_type_;
  std::vector<std::string> in_flight_;  // in launch order
  Counts counts_;
};

}  // namespace emulator::tuning
