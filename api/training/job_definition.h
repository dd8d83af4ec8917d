#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "capacity_model/result.h"

namespace api::training {

struct Channel {
  std::string name;
  std::string s3_uri;
  std::optional<std::string> content_type;
  std::string input_mode;  // the channel's, else the algorithm's
  std::string record_wrapper = "None";
};

// What a training job asks of the code it runs, from its description (the members
// DescribeTrainingJob shows: AlgorithmSpecification, InputDataConfig, CheckpointConfig, ...).
struct JobDefinition {
  std::string training_image;  // empty when the job names an algorithm instead
  std::vector<std::string> container_entrypoint;
  std::vector<std::string> container_arguments;
  std::vector<Channel> channels;
  std::optional<std::string> checkpoint_s3_uri;
  std::string checkpoint_local_path = "/opt/ml/checkpoints";
  std::map<std::string, std::string> environment;
};

capacity_model::Result<JobDefinition, std::string> read_job_definition(std::string_view description_json);

}  // namespace api::training
