#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/model/training_output.h"
#include "emulator/model/tuning_request.h"
#include "emulator/model/wire_enums.h"
#include "emulator/sim/clock.h"

namespace emulator::model {

using sim::SimTime;

// The StatusMessage of a secondary-status transition: SageMaker's texts, as values.
enum class StatusMessage : std::uint8_t {
  LaunchingInstances,
  PreparingInstances,
  InsufficientCapacity,  // waiting for capacity after an ICE
  DownloadingInput,
  Training,
  Uploading,
  Completed,
  Stopping,
  StoppingAtMaxRuntime,
  StoppingAtMaxWait,
  StoppingEarly,
  Stopped,
  StoppedAtMaxRuntime,
  StoppedAtMaxWait,
  Interrupted,
  FailureReason,  // the job's FailureReason
};

// The text of a message; empty for FailureReason, which is the job's own.
std::string_view text_of(StatusMessage message);

// A stamp no record has had before, in this process: a record's version is the stamp of its
// last change, so (record, version) names one state of one record even if an address is
// reused after a deletion.
std::uint64_t next_version();

struct SecondaryStatusTransition {
  SecondaryStatus status;
  StatusMessage message;
  SimTime start_time;
  std::optional<SimTime> end_time;
};

// A warm pool (KeepAlivePeriodInSeconds) whose end was decided before its period ran out:
// UpdateTrainingJob set the period to 0.
struct WarmPoolRecord {
  WarmPoolResourceStatus status = WarmPoolResourceStatus::Terminated;
  std::optional<SimTime> ended;  // when it was terminated
};

struct MetricData {
  std::string metric_name;
  double value = 0;
  SimTime timestamp;
};

// What a training job was asked to run. Every child of one definition of a tuning request
// shares one (a tuning job may launch hundreds, they outlive it when it is deleted, and
// tuning jobs of an equal request share theirs); a job created with CreateTrainingJob has
// its own.
struct TrainingJobSpec {
  std::optional<std::string> definition_name;
  HyperParameters static_hyper_parameters;  // a child's tuned values are its own
  std::string objective_metric;             // a child's _tuning_objective_metric
  std::vector<std::string> tuned_names;     // a child's tuned hyperparameters, in the order of its values
  // What reads the job's metrics from its log (§3.7): the request's MetricDefinitions, and for
  // a built-in algorithm's objective without one, the definition the algorithm comes with.
  std::vector<MetricDefinition> metric_definitions;
  std::string s3_output_path;
  bool compressed_output = true;  // OutputDataConfig.CompressionType: GZIP (the default), not NONE
  std::optional<std::string> volume_kms_key_id;
  int max_runtime_in_seconds = 86400;
  // The wire text of the request (api/ writes and reads it): the members DescribeTrainingJob
  // returns verbatim, or, for a child, its tuning job's normalised request, whose definition
  // `definition_in_request` holds them.
  std::shared_ptr<const RawJson> description;
  std::optional<std::size_t> definition_in_request;
};

// One training job as DescribeTrainingJob shows it. Times are virtual; api/ turns them
// into epoch seconds, and the ARN is made from the name and the scope that holds the job.
struct TrainingJob {
  std::string name;
  std::string tuning_job_name;  // empty for a job created with CreateTrainingJob
  std::shared_ptr<const TrainingJobSpec> spec;
  int launch_ordinal = 0;                 // 1-based, within its tuning job
  std::vector<std::string> tuned_values;  // of spec->tuned_names
  InstanceConfig resource;                // the configuration actually used, after any fallback
  std::optional<int> keep_alive_period_in_seconds;
  std::optional<WarmPoolRecord> warm_pool;
  std::shared_ptr<const RawJson> updated_description;  // UpdateTrainingJob's, replacing the spec's members
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
  // What it printed and reported while training (null until its container first ran).
  std::shared_ptr<TrainingOutput> output;
  ObjectiveStatus objective_status = ObjectiveStatus::Pending;
  std::optional<double> objective_value;
  // Changes whenever anything an answer shows changes (see next_version()), so api/ can
  // answer again from a cached encoding while it stays the same.
  std::uint64_t version = 0;

  bool is_terminal() const {
    return status == TrainingJobStatus::Completed || status == TrainingJobStatus::Failed ||
           status == TrainingJobStatus::Stopped;
  }
  // Something an answer shows changed: at `now` (LastModifiedTime moves), or not.
  void touch(SimTime now);
  void changed();
  bool is_tuning_child() const { return !tuning_job_name.empty(); }
  // A hyperparameter the job receives: a tuned value, else a static one.
  const std::string* hyper_parameter(std::string_view name) const;
  // Every hyperparameter the job receives (HyperParameters of DescribeTrainingJob).
  HyperParameters hyper_parameters() const;
  // Only the tuned ones (TunedHyperParameters of a tuning job's child).
  HyperParameters tuned_hyper_parameters() const;
  // Where SageMaker writes the job's model: <S3OutputPath>/<job>/output/model.tar.gz (§3.3), or,
  // with CompressionType NONE, the prefix <S3OutputPath>/<job>/output/model/ its files go under.
  std::string model_artifacts() const;
  std::string_view message_of(const SecondaryStatusTransition& transition) const;
};

}  // namespace emulator::model
