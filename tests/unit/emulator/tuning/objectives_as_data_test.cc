#include <gtest/gtest.h>

#include <cmath>

#include "emulator/tuning/tuning_controller.h"
#include "emulator/tuning/tuning_summary.h"
#include "tests/support/tuning_fixture.h"
#include "tests/support/tuning_request_builder.h"

namespace emulator::tuning {
namespace {

using Fixture = test_support::TuningFixture;

TEST(ObjectivesAsData, BayesianTuningOfAHartmann6ImageGetsCloseToTheOptimum) {
  Fixture f;
  auto request = test_support::blog_request("h6");
  request.config.strategy = model::HyperParameterTuningJobStrategyType::Bayesian;
  request.config.objective = model::TuningObjective{model::HyperParameterTuningJobObjectiveType::Minimize, "loss"};
  request.config.resource_limits.max_number_of_training_jobs = 60;
  request.config.resource_limits.max_parallel_training_jobs = 1;
  model::ParameterRanges ranges;
  for (int i = 1; i <= 6; ++i) {
    ranges.continuous_ranges.push_back({"x" + std::to_string(i), "0", "1", model::HyperParameterScalingType::Linear});
  }
  request.config.parameter_ranges = ranges;
  auto& def = request.definitions[0];
  def.training_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/hartmann6:latest";
  def.metric_definitions = {{"loss", "loss=([-+0-9.eE]+)"}};
  def.static_hyper_parameters = {{"epochs", "10"}};
  const auto& job = f.create(request);
  f.run_to_end();
  ASSERT_EQ(job.status, model::HyperParameterTuningJobStatus::Completed);
  const auto* best = summarize(job).best;
  ASSERT_NE(best, nullptr);
  EXPECT_LT(*best->objective_value, -2.8);  // optimum −3.32237; random search after 60 is about −2.2
}

}  // namespace
}  // namespace emulator::tuning
