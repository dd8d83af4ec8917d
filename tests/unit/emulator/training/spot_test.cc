#include <gtest/gtest.h>

#include "emulator/sagemaker_service.h"
#include "tests/support/rendered_timeline.h"
#include "tests/support/test_world.h"

namespace emulator {
namespace {

using model::SecondaryStatus;
using model::TrainingJobStatus;
using test_support::kScope;
using namespace std::chrono_literals;

model::CreateTrainingJobRequest spot_job(std::string name, bool checkpoint, int max_wait = 86400) {
  model::CreateTrainingJobRequest r;
  r.name = std::move(name);
  r.has_algorithm_specification = true;
  r.training_image = "433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:latest";
  r.metric_definitions = {{"validation:rmse", "validation-rmse:([0-9.]+)"}};
  r.resource_config = model::ResourceConfig{.instance_type = "ml.m5.xlarge", .instance_count = 1,
                                            .volume_size_in_gb = 10, .volume_kms_key_id = std::nullopt,
                                            .keep_alive_period_in_seconds = std::nullopt};
  r.hyper_parameters = {{"num_round", "400"}};  // about half an hour of training
  r.s3_output_path = "s3://b/out";
  r.enable_managed_spot_training = true;
  r.max_runtime_in_seconds = 86400;
  r.max_wait_time_in_seconds = max_wait;
  r.has_checkpoint_config = checkpoint;
  r.description = "{}";
  return r;
}

// Spot m5.xlarge reclaimed about every ten minutes per instance.
capacity_model::Scenario stormy() {
  capacity_model::Scenario s;
  s.spot.instance_types["ml.m5.xlarge"] = capacity_model::SpotTypeSettings{std::nullopt, 6.0};
  return s;
}

struct Fixture {
  std::unique_ptr<World> world;
  SageMakerService service;
  explicit Fixture(capacity_model::Scenario s, std::uint64_t seed = 1)
      : world(test_support::make_world(std::move(s), seed)), service(*world) {}
  const model::TrainingJob& job(const std::string& name) { return **service.describe_training_job(kScope, name); }
  int count(const std::string& type, const std::string& name) {
    int n = 0;
    for (const auto& e : test_support::rendered(world->timeline()))
      n += (e.type == type && e.training_job == name) ? 1 : 0;
    return n;
  }
};

TEST(Spot, AnInterruptedJobResumesFromItsCheckpointAndBillsLessThanItRan) {
  Fixture f(stormy());
  ASSERT_TRUE(f.service.create_training_job(kScope, spot_job("resumed", true)).ok());
  f.world->simulator().run_until(48h);
  const auto& j = f.job("resumed");
  ASSERT_EQ(j.status, TrainingJobStatus::Completed);
  EXPECT_GT(f.count("interrupted", "resumed"), 0);
  bool saw_interrupted = false;
  for (const auto& t : j.transitions) saw_interrupted = saw_interrupted || t.status == SecondaryStatus::Interrupted;
  EXPECT_TRUE(saw_interrupted);
  EXPECT_LT(*j.billable_time_in_seconds, *j.training_time_in_seconds);
  for (const auto& e : test_support::rendered(f.world->timeline())) {
    if (e.type == "granted" && e.training_job == "resumed") {
      EXPECT_EQ(e.message, "spot");
    }
  }
}

TEST(Spot, WithoutACheckpointWorkStartsOverSoItTakesLonger) {
  auto finish = [](bool checkpoint) {
    Fixture f(stormy(), 3);
    EXPECT_TRUE(f.service.create_training_job(kScope, spot_job("j", checkpoint)).ok());
    f.world->simulator().run_until(240h);
    const auto& j = f.job("j");
    EXPECT_EQ(j.status, TrainingJobStatus::Completed);
    return *j.training_end_time;
  };
  EXPECT_LT(finish(true), finish(false));
}

TEST(Spot, MaxWaitTimeStopsAJobThatCannotGetSpotCapacity) {
  capacity_model::Scenario s;
  s.spot.pools.push_back({"ml.m5.xlarge", std::nullopt, 0, capacity_model::CapacityType::Spot});
  Fixture f(s);
  auto request = spot_job("starved", true, 3600);
  request.max_runtime_in_seconds = 1800;  // MaxWaitTimeInSeconds must cover it
  ASSERT_TRUE(f.service.create_training_job(kScope, request).ok());
  f.world->simulator().run_until(30min);
  EXPECT_EQ(f.job("starved").status, TrainingJobStatus::InProgress);  // spot waits past the ICE window
  f.world->simulator().run_until(2h);
  const auto& j = f.job("starved");
  EXPECT_EQ(j.status, TrainingJobStatus::Stopped);
  EXPECT_EQ(j.secondary_status, SecondaryStatus::MaxWaitTimeExceeded);
  EXPECT_FALSE(j.training_start_time.has_value());
}

}  // namespace
}  // namespace emulator
