#include "api/service_model/service_model.h"

#include <set>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

namespace api::service_model {
namespace {

const std::vector<std::string> kOperations = {
    "CreateHyperParameterTuningJob", "DescribeHyperParameterTuningJob", "ListHyperParameterTuningJobs",
    "StopHyperParameterTuningJob",   "DeleteHyperParameterTuningJob",   "ListTrainingJobsForHyperParameterTuningJob",
    "CreateTrainingJob",             "DescribeTrainingJob",             "ListTrainingJobs",
    "StopTrainingJob",               "DeleteTrainingJob",               "UpdateTrainingJob",
    "AddTags",                       "ListTags",                        "DeleteTags",
};

std::string load_error(const std::string& text) {
  auto result = ServiceModel::load(text);
  return result ? std::string("<loaded>") : result.error();
}

TEST(ServiceModel, EmbeddedSageMakerModelLoads) {
  const ServiceModel& model = sagemaker_model();
  EXPECT_EQ(model.metadata().target_prefix, "SageMaker");
  EXPECT_EQ(model.metadata().json_version, "1.1");
  EXPECT_EQ(model.metadata().api_version, "2017-07-24");
  EXPECT_EQ(model.metadata().protocol, "json");
  EXPECT_EQ(model.operations().size(), kOperations.size());
  EXPECT_EQ(model.shapes().size(), 274u);
  EXPECT_EQ(&model, &sagemaker_model());  // loaded once
}

TEST(ServiceModel, KnowsExactlyTheOperationsInScope) {
  const ServiceModel& model = sagemaker_model();
  for (const std::string& name : kOperations) EXPECT_TRUE(model.has_operation(name)) << name;
  EXPECT_FALSE(model.has_operation("CreateEndpoint"));
  EXPECT_FALSE(model.has_operation("createTrainingJob"));
  EXPECT_EQ(model.operation("CreateEndpoint"), nullptr);
}

TEST(ServiceModel, OperationShapesAndDeclaredErrors) {
  const Operation* op = sagemaker_model().operation("CreateHyperParameterTuningJob");
  ASSERT_NE(op, nullptr);
  ASSERT_TRUE(op->input && op->output);
  EXPECT_EQ(op->input->shape_name, "CreateHyperParameterTuningJobRequest");
  EXPECT_EQ(op->output->shape_name, "CreateHyperParameterTuningJobResponse");
  EXPECT_EQ(op->errors, (std::vector<std::string>{"ResourceInUse", "ResourceLimitExceeded"}));
  EXPECT_EQ(op->http_method, "POST");
  EXPECT_TRUE(sagemaker_model().shape("ResourceInUse")->exception);
  EXPECT_EQ(sagemaker_model().operation("DescribeTrainingJob")->errors, std::vector<std::string>{"ResourceNotFound"});
  EXPECT_TRUE(sagemaker_model().operation("AddTags")->errors.empty());
}

TEST(ServiceModel, StructureMembersKeepModelOrderAndRequiredFlags) {
  const Shape* limits = sagemaker_model().shape("ResourceLimits");
  ASSERT_NE(limits, nullptr);
  ASSERT_EQ(limits->type, ShapeType::kStructure);
  ASSERT_EQ(limits->members.size(), 3u);
  EXPECT_EQ(limits->members[0].name, "MaxNumberOfTrainingJobs");
  EXPECT_FALSE(limits->members[0].required);
  const Member* parallel = limits->member("MaxParallelTrainingJobs");
  ASSERT_NE(parallel, nullptr);
  EXPECT_TRUE(parallel->required);
  EXPECT_EQ(parallel->path_name, "maxParallelTrainingJobs");
  EXPECT_EQ(parallel->target.shape->type, ShapeType::kInteger);
  EXPECT_EQ(parallel->target.shape->min, 1.0);
  EXPECT_EQ(limits->member("MaxRuntimeInSeconds")->target.shape->max, 15768000.0);
}

TEST(ServiceModel, StringConstraintsEnumsAndPatterns) {
  const ServiceModel& model = sagemaker_model();
  const Shape* name = model.shape("HyperParameterTuningJobName");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->min, 1.0);
  EXPECT_EQ(name->max, 32.0);
  ASSERT_TRUE(name->pattern);
  EXPECT_EQ(name->pattern->source(), "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}");
  EXPECT_EQ(model.shape("TrainingInstanceType")->enum_values.size(), 145u);
  EXPECT_EQ(model.shape("HyperParameterTuningJobStrategyType")->enum_values,
            (std::vector<std::string>{"Bayesian", "Random", "Hyperband", "Grid"}));
  EXPECT_EQ(model.shape("ListTagsMaxResults")->min, 50.0);
  EXPECT_FALSE(model.shape("ListTagsMaxResults")->max);
}

TEST(ServiceModel, ListsAndMapsResolveTheirElementShapes) {
  const ServiceModel& model = sagemaker_model();
  const Shape* configs = model.shape("HyperParameterTuningInstanceConfigs");
  ASSERT_EQ(configs->type, ShapeType::kList);
  EXPECT_EQ(configs->list_member.shape, model.shape("HyperParameterTuningInstanceConfig"));
  EXPECT_EQ(configs->max, 6.0);
  const Shape* hps = model.shape("HyperParameters");
  ASSERT_EQ(hps->type, ShapeType::kMap);
  EXPECT_EQ(hps->map_key.shape->name, "HyperParameterKey");
  EXPECT_EQ(hps->map_value.shape->max, 2500.0);
  EXPECT_EQ(model.shape("Timestamp")->type, ShapeType::kTimestamp);
}

// Every reference of every shape (inputs and outputs alike) is resolved, so a conformance test
// can walk the output shapes.
TEST(ServiceModel, EveryReferenceIsResolvedAndOutputsAreWalkable) {
  const ServiceModel& model = sagemaker_model();
  std::set<std::string> seen;
  std::vector<const Shape*> stack;
  for (const auto& [name, op] : model.operations()) {
    if (op.output) stack.push_back(op.output->shape);  // Stop*/Delete* have none
  }
  EXPECT_FALSE(model.operation("StopTrainingJob")->output);
  while (!stack.empty()) {
    const Shape* shape = stack.back();
    stack.pop_back();
    ASSERT_NE(shape, nullptr);
    if (!seen.insert(shape->name).second) continue;
    for (const Member& m : shape->members) stack.push_back(m.target.shape);
    if (shape->type == ShapeType::kList) stack.push_back(shape->list_member.shape);
    if (shape->type == ShapeType::kMap) {
      stack.push_back(shape->map_key.shape);
      stack.push_back(shape->map_value.shape);
    }
  }
  EXPECT_TRUE(seen.count("HyperParameterTrainingJobSummary"));
  EXPECT_TRUE(seen.count("SecondaryStatusTransition"));
  const Shape* describe = model.shape("DescribeHyperParameterTuningJobResponse");
  EXPECT_TRUE(describe->member("HyperParameterTuningJobStatus")->required);
  EXPECT_EQ(describe->member("HyperParameterTuningJobStatus")->target.shape->enum_values.size(), 7u);
}

TEST(ServiceModel, CopiesShareTheCompiledData) {
  const ServiceModel copy = sagemaker_model();
  EXPECT_EQ(copy.shape("Tag"), sagemaker_model().shape("Tag"));
  EXPECT_EQ(copy.operation("ListTags")->input->shape, sagemaker_model().shape("ListTagsInput"));
}

TEST(ServiceModel, LoadsAMinimalModelInFileOrder) {
  auto result = ServiceModel::load(R"({
    "metadata": {"targetPrefix": "Demo"},
    "operations": {"Go": {"name": "Go", "input": {"shape": "In"}}},
    "shapes": {
      "In": {"type": "structure", "required": ["Zeta"],
             "members": {"Zeta": {"shape": "S"}, "Alpha": {"shape": "L"}}},
      "S": {"type": "string", "min": 1, "pattern": "[a-z]+"},
      "L": {"type": "list", "member": {"shape": "S"}}
    }})");
  ASSERT_TRUE(result) << result.error();
  const ServiceModel& model = *result;
  EXPECT_EQ(model.metadata().target_prefix, "Demo");
  const Shape* in = model.shape("In");
  ASSERT_EQ(in->members.size(), 2u);
  EXPECT_EQ(in->members[0].name, "Zeta");
  EXPECT_TRUE(in->members[0].required);
  EXPECT_FALSE(model.operation("Go")->output);
}

TEST(ServiceModel, RejectsBrokenModels) {
  EXPECT_NE(load_error("not json").find("not a JSON object"), std::string::npos);
  EXPECT_NE(load_error(R"({"operations": {}})").find("no shapes"), std::string::npos);
  EXPECT_NE(load_error(R"({"operations": {}, "shapes": {"A": {"type": "list", "member": {"shape": "B"}}}})")
                .find("undefined shape B"),
            std::string::npos);
  EXPECT_NE(load_error(R"({"operations": {}, "shapes": {"A": {"type": "set"}}})").find("unknown type set"),
            std::string::npos);
  EXPECT_NE(load_error(R"json({"operations": {}, "shapes": {"A": {"type": "string", "pattern": "(?=x)"}}})json")
                .find("invalid pattern"),
            std::string::npos);
  EXPECT_NE(load_error(R"({"operations": {}, "shapes": {"A": {"type": "structure", "required": ["X"], "members": {}}}})")
                .find("required member X"),
            std::string::npos);
  EXPECT_NE(load_error(R"({"operations": {"Go": {"input": {"shape": "Nope"}}}, "shapes": {}})").find("Nope"),
            std::string::npos);
}

}  // namespace
}  // namespace api::service_model
