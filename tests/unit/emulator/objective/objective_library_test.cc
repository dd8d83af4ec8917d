#include <cmath>

#include <gtest/gtest.h>

#include "api/objectives/objective_library_json.h"
#include "emulator/objective/objective_model.h"
#include "emulator/objective/test_functions.h"

namespace emulator::objective {
namespace {

TEST(EpochsOf, ComeFromTheHyperParameters) {
  EXPECT_EQ(epochs_of({{"epochs", "30"}}), 30);
  EXPECT_EQ(epochs_of({{"num_round", "100"}}), 100);
  EXPECT_EQ(epochs_of({{"n_epochs", "x"}}), 10);
  EXPECT_EQ(epochs_of({}), 10);
}

TEST(TestFunctions, ReachTheirPublishedMinimaAtThePublishedMinimisers) {
  EXPECT_NEAR(evaluate(TestFunction::Branin, {-M_PI, 12.275}), global_minimum(TestFunction::Branin), 1e-5);
  EXPECT_NEAR(evaluate(TestFunction::Branin, {9.42478, 2.475}), global_minimum(TestFunction::Branin), 1e-5);
  EXPECT_NEAR(evaluate(TestFunction::Hartmann3, {0.114614, 0.555649, 0.852547}),
              global_minimum(TestFunction::Hartmann3), 1e-4);
  EXPECT_NEAR(evaluate(TestFunction::Hartmann6, {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573}),
              global_minimum(TestFunction::Hartmann6), 1e-4);
  EXPECT_DOUBLE_EQ(evaluate(TestFunction::Rosenbrock, {1, 1, 1, 1}), 0);
  EXPECT_GT(evaluate(TestFunction::Hartmann6, {0.9, 0.9, 0.9, 0.9, 0.9, 0.9}), -1.0);
}

TEST(ObjectiveLibrary, TheShippedLibraryMapsImagesByRepositoryName) {
  const auto& library = api::objectives::builtin_objective_library();
  ASSERT_GE(library.definitions.size(), 4u);
  const auto* def = library.find_for_image("123456789012.dkr.ecr.us-east-1.amazonaws.com/hartmann6:latest");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->function, TestFunction::Hartmann6);
  EXPECT_EQ(def->inputs.size(), 6u);
  EXPECT_EQ(library.find_for_image("433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:latest"), nullptr);
  EXPECT_EQ(repository_of("a.dkr.ecr.us-east-1.amazonaws.com/team/branin@sha256:abc"), "branin");
}

TEST(ObjectiveLibrary, ADefinedImageReportsItsFunctionOfTheNamedHyperParameters) {
  const auto& library = api::objectives::builtin_objective_library();
  const model::TuningObjective objective{model::HyperParameterTuningJobObjectiveType::Minimize, "loss"};
  const model::HyperParameters at_minimum = {{"x1", "9.42478"}, {"x2", "2.475"}, {"epochs", "40"}};
  const search::SearchSpace space;
  const std::vector<double> point;
  std::mt19937_64 noise(1);
  const auto outcome = evaluate({"1.dkr.ecr.us-east-1.amazonaws.com/branin:1", objective, at_minimum, space, point, &library}, noise);
  EXPECT_NEAR(outcome.objective_value, 0.397887, 0.05);  // noise 0.01
  EXPECT_DOUBLE_EQ(outcome.work_seconds, 40 * 30);       // 40 epochs × 30 s
}

TEST(ObjectiveLibrary, BadDefinitionsNameTheMember) {
  auto error = [](const char* text) { return api::objectives::parse_objective_library(text).error(); };
  EXPECT_EQ(error("[]"), "(root): must be a JSON object");
  EXPECT_NE(error(R"({"objectives": [{"name": "x", "function": "ackley", "images": ["x"], "inputs": []}]})")
                .find("objectives[0].function"),
            std::string::npos);
  EXPECT_NE(error(R"({"objectives": [{"name": "x", "function": "branin", "images": ["x"],
                                      "inputs": [{"hyperParameter": "a"}]}]})")
                .find("objectives[0].inputs: has 1 inputs; branin takes 2"),
            std::string::npos);
  EXPECT_NE(error(R"({"objectives": [{"name": "x", "function": "branin", "images": []}]})").find("objectives[0].images"),
            std::string::npos);
}

}  // namespace
}  // namespace emulator::objective
