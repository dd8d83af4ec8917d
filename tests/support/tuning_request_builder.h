#pragma once

#include <string>
#include <vector>

#include "emulator/model/tuning_request.h"

namespace test_support {

// The configuration of AWS's instance-fallback blog post (issue 2's user story) as a typed
// request; tests change what they exercise.
inline emulator::model::CreateHyperParameterTuningJobRequest blog_request(std::string name = "blog-tune") {
  using namespace emulator::model;
  CreateHyperParameterTuningJobRequest request;
  request.name = std::move(name);
  request.config.strategy = HyperParameterTuningJobStrategyType::Random;
  request.config.objective = TuningObjective{HyperParameterTuningJobObjectiveType::Minimize, "validation:rmse"};
  request.config.resource_limits.max_number_of_training_jobs = 10;
  request.config.resource_limits.max_parallel_training_jobs = 5;
  ParameterRanges ranges;
  ranges.continuous_ranges.push_back({"eta", "0", "1", HyperParameterScalingType::Auto});
  ranges.integer_ranges.push_back({"max_depth", "2", "6", HyperParameterScalingType::Auto});
  request.config.parameter_ranges = ranges;

  HyperParameterTrainingJobDefinition def;
  def.static_hyper_parameters = {{"num_round", "100"}, {"objective", "reg:squarederror"}};
  def.training_image = "433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:latest";
  HyperParameterTuningResourceConfig resources;
  resources.instance_configs = {{"ml.m4.xlarge", 1, 5}, {"ml.m5.4xlarge", 1, 5}};
  def.tuning_resource_config = resources;
  def.max_runtime_in_seconds = 259200;
  def.s3_output_path = "s3://bucket/output/";
  request.definitions.push_back(std::move(def));
  request.description = std::make_shared<const RawJson>("{}");
  return request;
}

}  // namespace test_support
