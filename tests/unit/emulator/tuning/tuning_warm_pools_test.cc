#include <gtest/gtest.h>

#include "emulator/model/warm_pool_status.h"
#include "tests/support/nonempty.h"
#include "tests/support/tuning_fixture.h"
#include "tests/support/tuning_request_builder.h"

namespace emulator::tuning {
namespace {

using model::HyperParameterTuningJobStatus;
using Fixture = test_support::TuningFixture;

TEST(TuningWarmPools, TheNextChildReusesTheClusterAndTheTuningJobReturnsItAtTheEnd) {
  Fixture f;
  auto request = test_support::blog_request("warm");
  request.config.resource_limits.max_parallel_training_jobs = 1;
  request.config.resource_limits.max_number_of_training_jobs = 3;
  const auto& job = f.create(request);
  f.run_to_end();
  ASSERT_EQ(job.children.size(), 3u);
  int granted = 0, reused = 0;
  for (const auto& e : test_support::rendered(f.world->timeline())) {
    granted += e.type == "granted" ? 1 : 0;
    reused += e.type == "reused" ? 1 : 0;
  }
  EXPECT_EQ(granted, 1);
  EXPECT_EQ(reused, 2);
  // §3.3: WarmPoolStatus only when a warm pool is configured, and a child configures none.
  const auto now = f.world->simulator().now();
  for (std::size_t i = 0; i < 3; ++i) EXPECT_FALSE(model::warm_pool_status(f.child(job, i), now)) << i;
  EXPECT_EQ(f.child(job, 0).billable_time_in_seconds, f.child(job, 0).training_time_in_seconds)
      << "no retention is billed";
  // A reused cluster starts in seconds: the second child was Downloading within 15 s.
  const auto& second = f.child(job, 1);
  EXPECT_LE((*second.training_start_time - second.creation_time).count(), 15'000);
  for (const auto& u : test_support::nonempty(f.world->pool("us-east-1").usage_of("ml.m4.xlarge")))
    EXPECT_EQ(u.in_use, 0);
}

TEST(TuningWarmPools, SpotCapacityTakenFromAWarmPoolCanStillBeReclaimed) {
  capacity_model::Scenario stormy;
  stormy.spot.instance_types["ml.m4.xlarge"] = capacity_model::SpotTypeSettings{std::nullopt, 6.0};
  Fixture f(stormy);
  auto request = test_support::blog_request("warm-spot");
  request.config.resource_limits.max_parallel_training_jobs = 1;
  request.config.resource_limits.max_number_of_training_jobs = 6;
  auto& definition = request.definitions[0];
  definition.enable_managed_spot_training = true;
  definition.has_checkpoint_config = true;
  definition.max_wait_time_in_seconds = definition.max_runtime_in_seconds;
  definition.static_hyper_parameters["num_round"] = "400";  // half an hour: several reclaims per child
  const auto& job = f.create(request);
  f.run_to_end();
  std::set<std::string> reused, interrupted;
  for (const auto& e : test_support::rendered(f.world->timeline())) {
    if (e.type == "reused") reused.insert(e.training_job);
    if (e.type == "interrupted") interrupted.insert(e.training_job);
  }
  ASSERT_FALSE(reused.empty());
  std::vector<std::string> reused_and_interrupted;
  std::set_intersection(reused.begin(), reused.end(), interrupted.begin(), interrupted.end(),
                        std::back_inserter(reused_and_interrupted));
  EXPECT_FALSE(reused_and_interrupted.empty());
  EXPECT_EQ(job.status, HyperParameterTuningJobStatus::Completed);
}

}  // namespace
}  // namespace emulator::tuning
