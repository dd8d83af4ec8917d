#include <gtest/gtest.h>

#include "emulator/tuning/tuning_controller.h"
#include "tests/support/tuning_fixture.h"
#include "tests/support/tuning_request_builder.h"

namespace emulator::tuning {
namespace {

using model::HyperParameterTuningJobStatus;
using test_support::kScope;
using Fixture = test_support::TuningFixture;

TEST(RetryPolicy, WithoutRetryPreferredFirstLaterChildrenStartWhereTheLastOneRan) {
  auto run = [](bool preferred_first) {
    capacity_model::Scenario scenario;
    scenario.pools.push_back({"ml.m4.xlarge", std::nullopt, 0});
    scenario.changes.push_back({std::chrono::seconds(60), "ml.m4.xlarge", std::nullopt, 16});
    scenario.retry.retry_preferred_first = preferred_first;
    Fixture f(scenario);
    auto request = test_support::blog_request("sticky");
    request.config.resource_limits.max_parallel_training_jobs = 1;
    request.config.resource_limits.max_number_of_training_jobs = 3;
    const auto& job = f.create(request);
    f.run_to_end();
    std::vector<std::string> types;
    for (std::size_t i = 0; i < job.children.size(); ++i) types.push_back(f.child(job, i).resource.instance_type);
    return types;
  };
  // m4 is back after a minute: preference order returns to it, a sticky policy stays on m5.
  EXPECT_EQ(run(true), (std::vector<std::string>{"ml.m5.4xlarge", "ml.m4.xlarge", "ml.m4.xlarge"}));
  EXPECT_EQ(run(false), (std::vector<std::string>{"ml.m5.4xlarge", "ml.m5.4xlarge", "ml.m5.4xlarge"}));
}

TEST(TuningLimits, WithEveryConfigurationOverQuotaTheNextChildWaitsForItsOwnJobsInstances) {
  capacity_model::Scenario scenario;
  scenario.quotas.instance_types["ml.p3.2xlarge"] = 0;
  scenario.quotas.instance_types["ml.g5.xlarge"] = 1;
  Fixture f(scenario);
  auto request = test_support::blog_request("one-at-a-time");
  request.definitions[0].tuning_resource_config->instance_configs = {{"ml.p3.2xlarge", 1, 5}, {"ml.g5.xlarge", 1, 5}};
  request.config.resource_limits.max_number_of_training_jobs = 4;
  request.config.resource_limits.max_parallel_training_jobs = 2;
  const auto& job = f.create(request);
  f.run_to_end();
  EXPECT_EQ(job.status, HyperParameterTuningJobStatus::Completed) << job.failure_reason;
  ASSERT_EQ(job.children.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(f.child(job, i).resource.instance_type, "ml.g5.xlarge");
  EXPECT_EQ(f.holding_instances_max(job.name), 1);
}

TEST(TuningLimits, AJobGivesBackItsOwnIdleWarmClusterBeforeFailingOverQuota) {
  // Two definitions on ml.g5.xlarge with different volumes: a warm cluster of one does not
  // serve the other, yet holds the account's only g5 instance.
  capacity_model::Scenario scenario;
  scenario.quotas.instance_types["ml.g5.xlarge"] = 1;
  Fixture f(scenario);
  auto request = test_support::blog_request("two-volumes");
  request.uses_definition_list = true;
  auto base = request.definitions[0];
  base.hyper_parameter_ranges = request.config.parameter_ranges;
  base.tuning_objective = request.config.objective;
  request.config.parameter_ranges.reset();
  request.config.objective.reset();
  request.definitions.clear();
  for (const auto& [name, volume] : {std::pair{"small", 5}, std::pair{"large", 50}}) {
    auto def = base;
    def.definition_name = name;
    def.tuning_resource_config->instance_configs = {{"ml.g5.xlarge", 1, volume}};
    request.definitions.push_back(def);
  }
  request.config.resource_limits.max_number_of_training_jobs = 8;
  request.config.resource_limits.max_parallel_training_jobs = 1;
  const auto& job = f.create(request);
  f.run_to_end();
  EXPECT_EQ(job.status, HyperParameterTuningJobStatus::Completed) << job.failure_reason;
  ASSERT_EQ(job.children.size(), 8u);
  std::set<int> volumes;
  for (std::size_t i = 0; i < 8; ++i) volumes.insert(f.child(job, i).resource.volume_size_in_gb);
  EXPECT_EQ(volumes, (std::set<int>{5, 50}));  // both definitions ran
}

TEST(TuningLimits, TheScenarioRaisesAmtsAccountLimits) {
  auto wide = test_support::blog_request("wide");
  wide.config.resource_limits.max_parallel_training_jobs = 15;
  wide.config.resource_limits.max_number_of_training_jobs = 1000;
  Fixture defaults;
  auto refused = defaults.world->tuning().create(kScope, wide);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::ResourceLimitExceeded);
  capacity_model::Scenario raised;
  raised.quotas.tuning.max_parallel_training_jobs_per_tuning_job = 20;
  raised.quotas.tuning.max_training_jobs_per_tuning_job = 10000;
  raised.quotas.tuning.max_concurrent_tuning_jobs = 1;
  Fixture f(raised);
  EXPECT_TRUE(f.world->tuning().create(kScope, wide).ok());
  auto second = f.world->tuning().create(kScope, test_support::blog_request("second"));
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.error().message.find("'Number of concurrent hyperparameter tuning jobs' is 1"), std::string::npos);
}

}  // namespace
}  // namespace emulator::tuning
