#include "emulator/what_if/run_once.h"

#include <gtest/gtest.h>

#include "emulator/model/warm_pool_status.h"
#include "emulator/sagemaker_service.h"
#include "tests/support/test_world.h"
#include "tests/support/tuning_request_builder.h"

namespace emulator::what_if {
namespace {

RunSetup setup(capacity_model::Scenario scenario = {}) {
  return {WorldConfig{test_support::real_catalog(), std::move(scenario), 0, 0,
                      api::objectives::builtin_objective_library()},
          test_support::kScope, test_support::blog_request("blog")};
}

capacity_model::Scenario dry(std::vector<std::string> types) {
  capacity_model::Scenario scenario;
  for (auto& type : types) scenario.pools.push_back({std::move(type), std::nullopt, 0});
  return scenario;
}

TEST(RunOnce, PlentyOfCapacity_EveryChildOnThePreferredTypeWithoutIce) {
  const auto run = run_once(setup(), 5);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->seed, 5u);
  EXPECT_EQ(run->status, "Completed");
  EXPECT_EQ(run->children, 10);
  EXPECT_EQ(run->failed_children, 0);
  EXPECT_EQ(run->children_by_type, (std::map<std::string, int>{{"ml.m4.xlarge", 10}}));
  EXPECT_EQ(run->ice_answers(), 0);
  EXPECT_EQ(run->fallbacks(), 0);
  EXPECT_TRUE(run->best_objective);
  EXPECT_GT(run->duration_seconds, 0);
}

TEST(RunOnce, PreferredTypeDry_EveryChildFallsBack) {
  const auto run = run_once(setup(dry({"ml.m4.xlarge"})), 5);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status, "Completed");
  EXPECT_EQ(run->children_by_type, (std::map<std::string, int>{{"ml.m5.4xlarge", 10}}));
  EXPECT_EQ(run->fallbacks_by_type, (std::map<std::string, int>{{"ml.m5.4xlarge", 10}}));
  EXPECT_EQ(run->ice_by_type.at("ml.m4.xlarge"), 10);
}

TEST(RunOnce, BothTypesDry_TheTuningJobFailsAndCostsNothing) {
  const auto run = run_once(setup(dry({"ml.m4.xlarge", "ml.m5.4xlarge"})), 5);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status, "Failed");
  EXPECT_EQ(run->failure_reason,
            "No training job succeeded after 5 attempts. Please take a look at the training job failures to get more "
            "details.");
  EXPECT_EQ(run->failed_children, run->children);
  EXPECT_TRUE(run->children_by_type.empty());
  EXPECT_EQ(run->cost, 0);
  EXPECT_GT(run->ice_by_type.at("ml.m5.4xlarge"), 0);
}

TEST(RunOnce, SameSeedSameRecord_OtherSeedOtherRun) {
  const auto s = setup();
  EXPECT_EQ(*run_once(s, 3), *run_once(s, 3));
  EXPECT_NE(run_once(s, 3)->duration_seconds, run_once(s, 4)->duration_seconds);
}

// The cost is what SageMaker would bill: BillableTimeInSeconds and the warm pools' retained
// billable time of every child, at the catalog's price, as DescribeTrainingJob shows them. The
// clusters the tuning job keeps warm between children are no child's warm pool (§3.3).
TEST(RunOnce, CostIsBillableTimeAtCatalogPrices) {
  const auto s = setup();
  const auto run = run_once(s, 9);
  auto world = test_support::make_world({}, 9);
  SageMakerService service(*world);
  ASSERT_TRUE(service.create_hyper_parameter_tuning_job(test_support::kScope, s.request));
  while (world->simulator().step()) {
  }
  double billed = 0;
  const auto* job = *service.find_hyper_parameter_tuning_job(test_support::kScope, "blog");
  for (const auto* child : job->children) {
    billed += *child->billable_time_in_seconds;
    EXPECT_FALSE(model::warm_pool_status(*child, world->simulator().now()));
  }
  EXPECT_NEAR(run->cost, billed / 3600 * 0.24, 1e-9);  // ml.m4.xlarge: $0.24 an hour
}

TEST(RunOnce, ARequestTheWorldRefuses_GivesCreateHyperParameterTuningJobsError) {
  auto s = setup();
  s.request.config.resource_limits.max_parallel_training_jobs = 20;
  s.request.config.resource_limits.max_number_of_training_jobs = 10;
  const auto run = run_once(s, 0);
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, ErrorCode::ValidationException);
}

}  // namespace
}  // namespace emulator::what_if
