#pragma once

#include <optional>
#include <vector>

#include "capacity_model/capacity_type.h"
#include "emulator/execution/training_executor.h"
#include "emulator/model/scope.h"
#include "emulator/model/training_job.h"

namespace emulator::training {

// How a job is to run: where it may run, in order of preference, and what the objective model
// predicts for it.
struct LaunchPlan {
  std::vector<model::InstanceConfig> candidates;
  capacity_model::CapacityType capacity_type = capacity_model::CapacityType::OnDemand;  // Spot: managed spot training
  // Spot: whether a CheckpointConfig lets an interrupted job resume where it was, and how
  // long (StoppingCondition.MaxWaitTimeInSeconds) it may wait for spot capacity in all.
  bool checkpointing = false;
  std::optional<int> max_wait_time_in_seconds;
  execution::SimulatedTrial trial;

  bool waits_for_spot() const {
    return capacity_type == capacity_model::CapacityType::Spot && max_wait_time_in_seconds.has_value();
  }
};

// A new training job: its record (identity and description filled; the lifecycle sets the
// status fields) and its plan.
struct LaunchRequest {
  model::Scope scope;
  model::TrainingJob job;
  LaunchPlan plan;
};

}  // namespace emulator::training
