#pragma once

#include <optional>
#include <string>
#include <vector>

#include "emulator/model/tuning_request.h"

namespace emulator::model {

// Typed form of CreateTrainingJob: what the emulator reasons about; everything else is the
// wire text of `description`, returned verbatim by DescribeTrainingJob.
struct CreateTrainingJobRequest {
  std::string name;
  HyperParameters hyper_parameters;
  std::optional<std::string> training_image;
  std::optional<std::string> algorithm_name;
  bool has_algorithm_specification = false;
  std::vector<MetricDefinition> metric_definitions;
  std::optional<ResourceConfig> resource_config;
  int max_runtime_in_seconds = 86400;
  std::optional<int> max_wait_time_in_seconds;
  bool enable_managed_spot_training = false;
  bool has_checkpoint_config = false;
  std::string s3_output_path;
  bool compressed_output = true;  // OutputDataConfig.CompressionType: GZIP (the default), not NONE
  std::vector<Tag> tags;
  RawJson description;
};

// UpdateTrainingJob: what may change on a running job (§3.3).
struct TrainingJobUpdate {
  std::optional<RawJson> description;  // the job's description with the new members merged in
  std::optional<int> keep_alive_period_in_seconds;
  bool changes_remote_debug = false;

  bool only_keep_alive() const { return keep_alive_period_in_seconds && !description && !changes_remote_debug; }
};

}  // namespace emulator::model
