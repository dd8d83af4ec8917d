#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/model/training_job.h"
#include "emulator/model/tuning_request.h"
#include "emulator/model/wire_enums.h"
#include "emulator/sim/clock.h"

namespace emulator::model {

using sim::SimTime;

struct TrainingJobStatusCounters {
  int completed = 0;
  int in_progress = 0;
  int retryable_error = 0;
  int non_retryable_error = 0;
  int stopped = 0;
};

struct ObjectiveStatusCounters {
  int succeeded = 0;
  int pending = 0;
  int failed = 0;
};

// TuningJobCompletionDetails: why a completion criterion ended the job, when one did.
struct CompletionDetails {
  std::optional<int> jobs_not_improving;
  std::optional<SimTime> convergence_detected_time;
};

// One tuning job as DescribeHyperParameterTuningJob shows it. Counters and the best job
// are derived from the children when asked, so they can never drift from them.
struct TuningJob {
  std::string name;
  std::string arn;
  std::shared_ptr<const TuningRequestBody> request;

  HyperParameterTuningJobStatus status = HyperParameterTuningJobStatus::InProgress;
  std::string failure_reason;
  SimTime creation_time{0};
  SimTime last_modified_time{0};
  std::optional<SimTime> end_time;

  // Its training jobs, in launch order (a deleted one leaves the list).
  std::vector<const TrainingJob*> children;
  // What the children of each definition are asked to run (they share it with the children of
  // every job of an equal request, and keep it when the tuning job is deleted).
  std::vector<std::shared_ptr<const TrainingJobSpec>> child_specs;
  CompletionDetails completion_details;
  std::vector<Tag> tags;

  // Changes whenever anything its answers show changes, its children's counters included
  // (see next_version() in training_job.h).
  std::uint64_t version = 0;

  bool is_terminal() const {
    return status == HyperParameterTuningJobStatus::Completed ||
           status == HyperParameterTuningJobStatus::Failed ||
           status == HyperParameterTuningJobStatus::Stopped;
  }
  void touch(SimTime now) {
    last_modified_time = now;
    changed();
  }
  void changed() { version = next_version(); }
};

// Counters and the best child of a tuning job, derived from its children's records (§3.2, §3.7).
struct TuningProgress {
  TrainingJobStatusCounters training;
  ObjectiveStatusCounters objective;
  const TrainingJob* best = nullptr;
};

}  // namespace emulator::model
