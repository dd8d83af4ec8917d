#include <gtest/gtest.h>

#include "emulator/model/warm_pool_status.h"
#include "emulator/sagemaker_service.h"
#include "emulator/telemetry/printed_output.h"
#include "tests/support/test_world.h"

namespace emulator {
namespace {

using model::SecondaryStatus;
using model::TrainingJobStatus;
using test_support::kScope;
using namespace std::chrono_literals;

model::CreateTrainingJobRequest solo(std::string name, std::string instance_type = "ml.m5.xlarge") {
  model::CreateTrainingJobRequest r;
  r.name = std::move(name);
  r.has_algorithm_specification = true;
  r.training_image = "433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:latest";
  r.metric_definitions = {{"validation:rmse", "validation-rmse:([0-9.]+)"}};
  r.resource_config = model::ResourceConfig{.instance_type = instance_type, .instance_count = 1,
                                            .volume_size_in_gb = 10, .volume_kms_key_id = std::nullopt,
                                            .keep_alive_period_in_seconds = std::nullopt};
  r.hyper_parameters = {{"num_round", "100"}};
  r.s3_output_path = "s3://b/out";
  r.description = "{}";
  return r;
}

struct Fixture {
  std::unique_ptr<World> world;
  SageMakerService service;
  explicit Fixture(capacity_model::Scenario s = {}) : world(test_support::make_world(std::move(s))), service(*world) {}
  const model::TrainingJob& job(const std::string& name) { return **service.describe_training_job(kScope, name); }
  std::vector<SecondaryStatus> statuses(const std::string& name) {
    std::vector<SecondaryStatus> out;
    for (const auto& t : job(name).transitions) out.push_back(t.status);
    return out;
  }
};

TEST(TrainingLifecycle, GoesThroughEveryPhaseAndBillsTheTrainingTime) {
  Fixture f;
  ASSERT_TRUE(f.service.create_training_job(kScope, solo("solo")).ok());
  EXPECT_EQ(f.job("solo").secondary_status, SecondaryStatus::Starting);
  f.world->simulator().run_until(48h);
  const auto& j = f.job("solo");
  EXPECT_EQ(j.status, TrainingJobStatus::Completed);
  EXPECT_EQ(f.statuses("solo"), (std::vector<SecondaryStatus>{SecondaryStatus::Starting, SecondaryStatus::Downloading,
                                                              SecondaryStatus::Training, SecondaryStatus::Uploading,
                                                              SecondaryStatus::Completed}));
  for (std::size_t i = 1; i < j.transitions.size(); ++i) {
    EXPECT_EQ(*j.transitions[i - 1].end_time, j.transitions[i].start_time);
  }
  ASSERT_TRUE(j.training_start_time && j.training_end_time);
  EXPECT_EQ(*j.training_time_in_seconds, (*j.training_end_time - *j.training_start_time).count() / 1000 +
                                             ((*j.training_end_time - *j.training_start_time).count() % 1000 ? 1 : 0));
  EXPECT_EQ(j.billable_time_in_seconds, j.training_time_in_seconds);
  ASSERT_EQ(j.final_metrics.size(), 1u);
  EXPECT_EQ(j.final_metrics[0].metric_name, "validation:rmse");
  EXPECT_EQ(j.model_artifacts(), "s3://b/out/solo/output/model.tar.gz");
}

TEST(TrainingLifecycle, AnUncompressedModelIsAPrefix) {
  // CompressionType NONE: the files of /opt/ml/model go under <S3OutputPath>/<job>/output/model/.
  Fixture f;
  auto request = solo("flat");
  request.compressed_output = false;
  ASSERT_TRUE(f.service.create_training_job(kScope, request).ok());
  EXPECT_EQ(f.job("flat").model_artifacts(), "s3://b/out/flat/output/model/");
}

TEST(TrainingLifecycle, AFasterInstanceTrainsTheSameWorkSooner) {
  Fixture f;
  ASSERT_TRUE(f.service.create_training_job(kScope, solo("slow", "ml.m4.xlarge")).ok());
  ASSERT_TRUE(f.service.create_training_job(kScope, solo("fast", "ml.m5.4xlarge")).ok());
  f.world->simulator().run_until(48h);
  auto training_ms = [&](const std::string& name) {
    const auto& t = f.job(name).transitions;
    return (*t[2].end_time - t[2].start_time).count();
  };
  EXPECT_LT(training_ms("fast"), training_ms("slow"));
}

TEST(TrainingLifecycle, WaitsForCapacityThenFailsWithCapacityError) {
  capacity_model::Scenario s;
  s.pools.push_back({"ml.p3.2xlarge", std::nullopt, 0});
  Fixture f(s);
  ASSERT_TRUE(f.service.create_training_job(kScope, solo("gpu", "ml.p3.2xlarge")).ok());
  f.world->simulator().run_until(5min);
  EXPECT_EQ(f.job("gpu").status, TrainingJobStatus::InProgress);
  EXPECT_EQ(f.job("gpu").transitions.back().message, model::StatusMessage::InsufficientCapacity);
  f.world->simulator().run_until(11min);
  const auto& j = f.job("gpu");
  EXPECT_EQ(j.status, TrainingJobStatus::Failed);
  EXPECT_EQ(j.failure_reason,
            "CapacityError: Unable to provision requested ML compute capacity. Please retry using a different ML "
            "instance type.");
  EXPECT_FALSE(j.training_start_time.has_value());
  EXPECT_FALSE(j.billable_time_in_seconds.has_value());
}

TEST(TrainingLifecycle, RuntimeLimitStopsTheJobAsMaxRuntimeExceeded) {
  Fixture f;
  auto r = solo("short");
  r.max_runtime_in_seconds = 120;
  ASSERT_TRUE(f.service.create_training_job(kScope, r).ok());
  f.world->simulator().run_until(48h);
  const auto& j = f.job("short");
  EXPECT_EQ(j.status, TrainingJobStatus::Stopped);
  EXPECT_EQ(j.secondary_status, SecondaryStatus::MaxRuntimeExceeded);
  // §3.3: the rounds it printed before the limit are its final metrics.
  const auto printed = telemetry::metric_points(j, "validation:rmse", f.world->simulator().now());
  ASSERT_FALSE(printed.empty());
  ASSERT_EQ(j.final_metrics.size(), 1u);
  EXPECT_EQ(j.final_metrics[0].value, printed.back().value);
}

TEST(TrainingLifecycle, StopDeleteAndNameReuseFollowSageMakersRules) {
  Fixture f;
  ASSERT_TRUE(f.service.create_training_job(kScope, solo("job")).ok());
  auto duplicate = f.service.create_training_job(kScope, solo("JOB"));
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::ResourceInUse);
  auto busy = f.service.delete_training_job(kScope, "job");
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.error().code, ErrorCode::ResourceInUse);
  ASSERT_TRUE(f.service.stop_training_job(kScope, "job").ok());
  EXPECT_EQ(f.job("job").status, TrainingJobStatus::Stopping);
  f.world->simulator().run_until(1h);
  EXPECT_EQ(f.job("job").status, TrainingJobStatus::Stopped);
  auto again = f.service.stop_training_job(kScope, "job");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, "The request was rejected because the training job is in status Stopped.");
  ASSERT_TRUE(f.service.delete_training_job(kScope, "job").ok());
  auto gone = f.service.describe_training_job(kScope, "job");
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::ValidationException);
  EXPECT_TRUE(f.service.create_training_job(kScope, solo("job")).ok());
}

TEST(TrainingLifecycle, AnAvailableWarmPoolBlocksDeletionAndOnlyItsRetentionMayChange) {
  Fixture f;
  auto request = solo("warm");
  request.resource_config->keep_alive_period_in_seconds = 600;
  ASSERT_TRUE(f.service.create_training_job(kScope, request).ok());
  for (int i = 0; i < 1000 && f.job("warm").status != TrainingJobStatus::Completed; ++i) f.world->simulator().step();
  ASSERT_EQ(f.job("warm").status, TrainingJobStatus::Completed);
  const auto ended = *f.job("warm").training_end_time;
  f.world->simulator().run_until(ended + 100s);

  auto refused = f.service.delete_training_job(kScope, "warm");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::ResourceInUse);
  EXPECT_NE(refused.error().message.find("Available warm pool"), std::string::npos);
  model::TrainingJobUpdate debug;
  debug.changes_remote_debug = true;
  debug.description = "{}";
  EXPECT_FALSE(f.service.update_training_job(kScope, "warm", debug).ok());

  model::TrainingJobUpdate longer;
  longer.keep_alive_period_in_seconds = 1200;
  ASSERT_TRUE(f.service.update_training_job(kScope, "warm", longer).ok());
  f.world->simulator().run_until(ended + 900s);  // past the first 600 s
  EXPECT_EQ(model::warm_pool_status(f.job("warm"), f.world->simulator().now())->status,
            model::WarmPoolResourceStatus::Available);

  model::TrainingJobUpdate none;
  none.keep_alive_period_in_seconds = 0;
  ASSERT_TRUE(f.service.update_training_job(kScope, "warm", none).ok());
  const auto terminated = model::warm_pool_status(f.job("warm"), f.world->simulator().now());
  ASSERT_TRUE(terminated);
  EXPECT_EQ(terminated->status, model::WarmPoolResourceStatus::Terminated);
  EXPECT_EQ(terminated->resource_retained_billable_time_in_seconds, 900);
  EXPECT_FALSE(f.service.update_training_job(kScope, "warm", longer).ok());  // nothing left to update
  EXPECT_TRUE(f.service.delete_training_job(kScope, "warm").ok());
}

TEST(TrainingLifecycle, InstancesAreHeldFromGrantToEnd) {
  capacity_model::Scenario s;
  s.default_capacity_per_zone = 1;
  s.zones = {"us-east-1a"};
  s.retry.window = std::chrono::hours(2);  // long enough to outlast the first job
  Fixture f(s);
  ASSERT_TRUE(f.service.create_training_job(kScope, solo("first")).ok());
  ASSERT_TRUE(f.service.create_training_job(kScope, solo("second")).ok());
  f.world->simulator().run_until(1min);
  EXPECT_EQ(f.job("second").transitions.back().message, model::StatusMessage::InsufficientCapacity);
  f.world->simulator().run_until(48h);
  const auto& first = f.job("first");
  const auto& second = f.job("second");
  EXPECT_EQ(first.status, TrainingJobStatus::Completed);
  EXPECT_EQ(second.status, TrainingJobStatus::Completed);
  EXPECT_GE(*second.training_start_time, *first.training_end_time);
}

}  // namespace
}  // namespace emulator
