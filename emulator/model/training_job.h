#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/model/tuning_request.h"
#include "emulator/model/wire_enums.h"
#include "emulator/sim/clock.h"

namespace emulator::model {

using sim::SimTime;

struct SecondaryStatusTransition {
  SecondaryStatus status;
  SimTime start_time;
  std::optional<SimTime> end_time;
  std::string status_message;
};

// A finished tuning child's kept-warm cluster: Available until reused or expired.
struct WarmPoolRecord {
  WarmPoolResourceStatus status = WarmPoolResourceStatus::Available;
  std::optional<std::string> reused_by;
  std::optional<SimTime> ended;  // when it was reused or terminated
};

struct MetricData {
  std::string metric_name;
  double value = 0;
  SimTime timestamp;
};

// One training job as DescribeTrainingJob shows it. Times are virtual; api/ turns them
// into epoch seconds.
struct TrainingJob {
  std::string name;
  std::string arn;
  std::string tuning_job_name;  // empty for a job created with CreateTrainingJob
  std::string tuning_job_arn;
  std::optional<std::string> definition_name;
  int launch_ordinal = 0;  // 1-based, within its tuning job

  HyperParameters hyper_parameters;
  HyperParameters tuned_hyper_parameters;
  InstanceConfig resource;  // the configuration actually used, after any fallback
  std::optional<std::string> volume_kms_key_id;
  std::optional<int> keep_alive_period_in_seconds;
  std::optional<WarmPoolRecord> warm_pool;
  std::string s3_model_artifacts;
  int max_runtime_in_seconds = 86400;
  std::shared_ptr<const RawJson> description;  // verbatim members, see HyperParameterTrainingJobDefinition
  std::vector<Tag> tags;

  TrainingJobStatus status = TrainingJobStatus::InProgress;
  SecondaryStatus secondary_status = SecondaryStatus::Starting;
  std::vector<SecondaryStatusTransition> transitions;
  std::string failure_reason;

  SimTime creation_time{0};
  SimTime last_modified_time{0};
  std::optional<SimTime> training_start_time;
  std::optional<SimTime> training_end_time;
  std::optional<int> training_time_in_seconds;
  std::optional<int> billable_time_in_seconds;

  std::vector<MetricData> final_metrics;
  ObjectiveStatus objective_status = ObjectiveStatus::Pending;
  std::optional<double> objective_value;

  bool is_terminal() const {
    return status == TrainingJobStatus::Completed || status == TrainingJobStatus::Failed ||
           status == TrainingJobStatus::Stopped;
  }
};

}  // namespace emulator::model
