#include "api/sagemaker/codec/tuning_request_codec.h"

#include <gtest/gtest.h>

namespace api::sagemaker::codec {
namespace {

Json blog_body() {
  return Json::parse(R"({
    "HyperParameterTuningJobName": "blog",
    "HyperParameterTuningJobConfig": {
      "Strategy": "Random",
      "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "validation:rmse"},
      "ResourceLimits": {"MaxNumberOfTrainingJobs": 10, "MaxParallelTrainingJobs": 5},
      "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0", "MaxValue": "1"}],
                          "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "2", "MaxValue": "6", "ScalingType": "Linear"}]}
    },
    "TrainingJobDefinition": {
      "StaticHyperParameters": {"num_round": "100"},
      "AlgorithmSpecification": {"TrainingImage": "433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:latest", "TrainingInputMode": "File"},
      "RoleArn": "arn:aws:iam::123456789012:role/R",
      "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/train/"}}}],
      "OutputDataConfig": {"S3OutputPath": "s3://b/out"},
      "HyperParameterTuningResourceConfig": {"InstanceConfigs": [
        {"InstanceType": "ml.m4.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 5},
        {"InstanceType": "ml.m5.4xlarge", "InstanceCount": 1, "VolumeSizeInGB": 5}]},
      "StoppingCondition": {"MaxRuntimeInSeconds": 259200}
    },
    "Tags": [{"Key": "team", "Value": "ml"}]
  })");
}

TEST(TuningRequestCodec, DecodesWhatTheEmulatorReasonsAbout) {
  auto request = decode_create_tuning_job(blog_body());
  ASSERT_TRUE(request.ok()) << request.error().message;
  EXPECT_EQ(request->name, "blog");
  EXPECT_EQ(request->config.resource_limits.max_parallel_training_jobs, 5);
  ASSERT_EQ(request->definitions.size(), 1u);
  const auto& def = request->definitions[0];
  ASSERT_EQ(def.tuning_resource_config->instance_configs.size(), 2u);
  EXPECT_EQ(def.tuning_resource_config->instance_configs[1].instance_type, "ml.m5.4xlarge");
  EXPECT_EQ(def.max_runtime_in_seconds, 259200);
  EXPECT_EQ(def.s3_output_path, "s3://b/out");
  EXPECT_EQ(request->config.parameter_ranges->continuous_ranges[0].scaling_type,
            emulator::model::HyperParameterScalingType::Auto);
  ASSERT_EQ(request->tags.size(), 1u);
}

TEST(TuningRequestCodec, CompressionTypeNoneLeavesTheOutputUncompressed) {
  auto body = blog_body();
  EXPECT_TRUE(decode_create_tuning_job(body)->definitions[0].compressed_output);  // GZIP by default
  body["TrainingJobDefinition"]["OutputDataConfig"]["CompressionType"] = "NONE";
  auto request = decode_create_tuning_job(body);
  ASSERT_TRUE(request.ok()) << request.error().message;
  EXPECT_FALSE(request->definitions[0].compressed_output);
}

TEST(TuningRequestCodec, DescriptionIsNormalisedAsTheSageMakerSdkExpects) {
  auto request = decode_create_tuning_job(blog_body());
  ASSERT_TRUE(request.ok());
  const auto d = Json::parse(*request->description);
  const auto& config = d["HyperParameterTuningJobConfig"];
  EXPECT_EQ(config["TrainingJobEarlyStoppingType"], "Off");
  EXPECT_TRUE(config["ParameterRanges"]["CategoricalParameterRanges"].is_array());
  EXPECT_EQ(config["ParameterRanges"]["ContinuousParameterRanges"][0]["ScalingType"], "Auto");
  EXPECT_EQ(config["ParameterRanges"]["IntegerParameterRanges"][0]["ScalingType"], "Linear");
  const auto& def = d["TrainingJobDefinition"];
  EXPECT_EQ(def["StaticHyperParameters"]["_tuning_objective_metric"], "validation:rmse");
  EXPECT_TRUE(def["AlgorithmSpecification"]["MetricDefinitions"].is_array());
  EXPECT_EQ(def["HyperParameterTuningResourceConfig"]["AllocationStrategy"], "Prioritized");
  EXPECT_EQ(def["HyperParameterTuningResourceConfig"]["InstanceConfigs"].size(), 2u);
  EXPECT_FALSE(d.contains("TrainingJobDefinitions"));
}

TEST(TuningRequestCodec, ChildDescriptionCarriesTheDefinitionWithDefaults) {
  auto request = decode_create_tuning_job(blog_body());
  ASSERT_TRUE(request.ok());
  emulator::model::TrainingJob job;
  auto spec = std::make_shared<emulator::model::TrainingJobSpec>();
  spec->description = request->description;
  spec->definition_in_request = 0;
  job.spec = spec;
  const auto child = Json::parse(training_description(job));
  EXPECT_EQ(child["RoleArn"], "arn:aws:iam::123456789012:role/R");
  EXPECT_EQ(child["InputDataConfig"][0]["ChannelName"], "train");
  EXPECT_EQ(child["StoppingCondition"]["MaxRuntimeInSeconds"], 259200);
  EXPECT_EQ(child["EnableManagedSpotTraining"], false);
  EXPECT_EQ(child["AlgorithmSpecification"]["EnableSageMakerMetricsTimeSeries"], false);
  EXPECT_FALSE(child.contains("HyperParameterTuningResourceConfig"));
  EXPECT_FALSE(child.contains("StaticHyperParameters"));
}

TEST(TuningRequestCodec, ExactlyOneDefinitionFormIsRequired) {
  auto body = blog_body();
  body["TrainingJobDefinitions"] = Json::array({body["TrainingJobDefinition"]});
  auto both = decode_create_tuning_job(body);
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.error().message.find("Exactly one of TrainingJobDefinition or TrainingJobDefinitions"), std::string::npos);
  body.erase("TrainingJobDefinition");
  body.erase("TrainingJobDefinitions");
  EXPECT_FALSE(decode_create_tuning_job(body).ok());
}

TEST(TuningRequestCodec, GridDescriptionGetsTheComputedJobCount) {
  auto body = blog_body();
  auto& config = body["HyperParameterTuningJobConfig"];
  config["Strategy"] = "Grid";
  config["ResourceLimits"].erase("MaxNumberOfTrainingJobs");
  config["ParameterRanges"] = {{"CategoricalParameterRanges", {{{"Name", "a"}, {"Values", {"x", "y", "z"}}},
                                                                {{"Name", "b"}, {"Values", {"1", "2"}}}}}};
  auto request = decode_create_tuning_job(body);
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(
      Json::parse(*request->description)["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxNumberOfTrainingJobs"],
      6);
}

}  // namespace
}  // namespace api::sagemaker::codec
