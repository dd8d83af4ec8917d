#include "api/service_model/unknown_members.h"

#include <gtest/gtest.h>

namespace api::service_model {
namespace {

TEST(DropUnknownMembers, KeepsModelledMembersAtEveryDepth) {
  const auto& model = sagemaker_model();
  auto body = nlohmann::json::parse(R"({
    "HyperParameterTuningJobName": "t",
    "Bogus": 1,
    "HyperParameterTuningJobConfig": {
      "Strategy": "Random", "Extra": {"x": 1},
      "ResourceLimits": {"MaxParallelTrainingJobs": 1, "Unknown": true},
      "ParameterRanges": {"IntegerParameterRanges": [{"Name": "n", "MinValue": "1", "MaxValue": "2", "Nope": "x"}]}
    },
    "TrainingJobDefinition": {"StaticHyperParameters": {"any_key": "kept"}, "RoleArn": "r", "Zzz": 0},
    "Tags": [{"Key": "k", "Value": "v", "Other": "o"}]
  })");
  drop_unknown_members(*model.operation("CreateHyperParameterTuningJob")->input->shape, body);
  EXPECT_FALSE(body.contains("Bogus"));
  const auto& config = body["HyperParameterTuningJobConfig"];
  EXPECT_FALSE(config.contains("Extra"));
  EXPECT_EQ(config["Strategy"], "Random");
  EXPECT_FALSE(config["ResourceLimits"].contains("Unknown"));
  EXPECT_EQ(config["ResourceLimits"]["MaxParallelTrainingJobs"], 1);
  EXPECT_FALSE(config["ParameterRanges"]["IntegerParameterRanges"][0].contains("Nope"));
  EXPECT_EQ(body["TrainingJobDefinition"]["StaticHyperParameters"]["any_key"], "kept");  // map keys are data
  EXPECT_FALSE(body["TrainingJobDefinition"].contains("Zzz"));
  EXPECT_FALSE(body["Tags"][0].contains("Other"));
  EXPECT_EQ(body["Tags"][0]["Key"], "k");
}

}  // namespace
}  // namespace api::service_model
