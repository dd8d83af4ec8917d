#include "emulator/tuning/warm_start.h"

#include <gtest/gtest.h>

#include "emulator/sagemaker_service.h"
#include "emulator/tuning/tuning_summary.h"
#include "tests/support/tuning_fixture.h"
#include "tests/support/tuning_request_builder.h"

namespace emulator::tuning {
namespace {

using test_support::kScope;
using Fixture = test_support::TuningFixture;

model::CreateHyperParameterTuningJobRequest warm_child(std::vector<std::string> parents, bool identical = true) {
  auto request = test_support::blog_request("child");
  request.warm_start = model::WarmStartConfig{std::move(parents), identical};
  return request;
}

TEST(WarmStart, ParentsMustExistBeTerminalAndShareTheObjective) {
  Fixture f;
  f.create(test_support::blog_request("running-parent"));
  auto not_terminal = f.world->tuning().create(kScope, warm_child({"running-parent"}));
  ASSERT_FALSE(not_terminal.ok());
  EXPECT_NE(not_terminal.error().message.find("is in status InProgress"), std::string::npos);
  auto missing = f.world->tuning().create(kScope, warm_child({"nobody"}));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("does not exist"), std::string::npos);
  f.run_to_end();
  auto other_metric = warm_child({"running-parent"});
  other_metric.config.objective->metric_name = "validation:mae";
  auto refused = f.world->tuning().create(kScope, other_metric);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("objective metric"), std::string::npos);
  auto other_image = warm_child({"running-parent"});
  other_image.definitions[0].training_image = "433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:2";
  auto changed = f.world->tuning().create(kScope, other_image);
  ASSERT_FALSE(changed.ok());
  EXPECT_NE(changed.error().message.find("Only the following fields"), std::string::npos);
  other_image.warm_start->identical_data_and_algorithm = false;  // TransferLearning may change the image
  EXPECT_TRUE(f.world->tuning().create(kScope, other_image).ok());
}

TEST(WarmStart, TheObjectiveDirectionTheNumberOfHyperParametersAndTheRangeTypesAreKept) {
  Fixture f;
  f.create(test_support::blog_request("kept-parent"));
  f.run_to_end();
  auto refused = [&](model::CreateHyperParameterTuningJobRequest request, std::string_view words) {
    auto created = f.world->tuning().create(kScope, std::move(request));
    ASSERT_FALSE(created.ok()) << words;
    EXPECT_NE(created.error().message.find(words), std::string::npos) << created.error().message;
  };
  auto maximize = warm_child({"kept-parent"}, false);
  maximize.config.objective->type = model::HyperParameterTuningJobObjectiveType::Maximize;
  refused(maximize, "objective metric");
  auto extra_static = warm_child({"kept-parent"}, false);
  extra_static.definitions[0].static_hyper_parameters["subsample"] = "0.8";
  refused(extra_static, "number of static and tunable hyperparameters (5)");
  auto retyped = warm_child({"kept-parent"}, false);
  retyped.config.parameter_ranges->integer_ranges.clear();
  retyped.config.parameter_ranges->categorical_ranges.push_back({"max_depth", {"2", "4", "6"}});
  refused(retyped, "Hyperparameter max_depth must keep the type");
  // A range may become a static value and the other way round: that is a change, not a new type.
  auto frozen = warm_child({"kept-parent"}, false);
  frozen.config.parameter_ranges->integer_ranges.clear();
  frozen.definitions[0].static_hyper_parameters["max_depth"] = "4";
  EXPECT_TRUE(f.world->tuning().create(kScope, frozen).ok());
}

TEST(WarmStart, IdenticalDataAndAlgorithmRefusesNewInputDataAndTransferLearningAcceptsIt) {
  Fixture f;
  auto parent = test_support::blog_request("data-parent");
  parent.definitions[0].input_data_fingerprint = 0xa;  // the fingerprints of two InputDataConfig texts
  f.create(parent);
  f.run_to_end();
  auto new_data = warm_child({"data-parent"});
  new_data.definitions[0].input_data_fingerprint = 0xb;
  auto refused = f.world->tuning().create(kScope, new_data);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("input data must be that of the parent"), std::string::npos);
  new_data.warm_start->identical_data_and_algorithm = false;
  EXPECT_TRUE(f.world->tuning().create(kScope, new_data).ok());
  auto same_data = warm_child({"data-parent"});
  same_data.name = "same-data";
  same_data.definitions[0].input_data_fingerprint = parent.definitions[0].input_data_fingerprint;
  EXPECT_TRUE(f.world->tuning().create(kScope, same_data).ok());
}

TEST(WarmStart, OverallBestIsTheBestOfTheJobAndItsParents) {
  Fixture f;
  SageMakerService service(*f.world);
  f.create(test_support::blog_request("parent"));
  f.run_to_end();
  auto child_request = warm_child({"parent"});
  child_request.config.resource_limits.max_number_of_training_jobs = 2;
  child_request.config.resource_limits.max_parallel_training_jobs = 1;
  f.create(child_request);
  f.run_to_end();
  auto parent = service.describe_hyper_parameter_tuning_job(kScope, "parent");
  auto child = service.describe_hyper_parameter_tuning_job(kScope, "child");
  ASSERT_TRUE(parent.ok() && child.ok());
  ASSERT_NE(child->overall_best, nullptr);
  const double best = std::min(*parent->progress.best->objective_value, *child->progress.best->objective_value);
  EXPECT_EQ(*child->overall_best->objective_value, best);
  EXPECT_EQ(parent->overall_best, nullptr);  // no warm start, no overall best
}

}  // namespace
}  // namespace emulator::tuning
