#include "emulator/tuning/tuning_controller.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "emulator/model/training_messages.h"
#include "emulator/sagemaker_service.h"
#include "emulator/tuning/tuning_summary.h"
#include "tests/support/tuning_fixture.h"
#include "tests/support/tuning_request_builder.h"

namespace emulator::tuning {
namespace {

using model::HyperParameterTuningJobStatus;
using model::TrainingJobStatus;
using test_support::kScope;
using Fixture = test_support::TuningFixture;
using namespace std::chrono_literals;

TEST(TuningController, RunsEveryChildToCompletionWithinTheParallelBound) {
  Fixture f;
  const auto& job = f.create(test_support::blog_request());
  f.run_to_end();
  EXPECT_EQ(job.status, HyperParameterTuningJobStatus::Completed);
  ASSERT_EQ(job.children.size(), 10u);
  EXPECT_EQ(f.holding_instances_max(job.name), 5);
  auto progress = summarize(job);
  EXPECT_EQ(progress.training.completed, 10);
  EXPECT_EQ(progress.objective.succeeded, 10);
  ASSERT_NE(progress.best, nullptr);
  for (std::size_t i = 0; i < 10; ++i) {
    const auto& c = f.child(job, i);
    EXPECT_EQ(c.resource.instance_type, "ml.m4.xlarge");
    EXPECT_LE(*progress.best->objective_value, *c.objective_value);
  }
  EXPECT_TRUE(job.end_time.has_value());
}

TEST(TuningController, LastModifiedTimeMovesWhenAChildEndsAndTheCountersChange) {
  Fixture f;
  auto request = test_support::blog_request("modified");
  request.config.resource_limits.max_number_of_training_jobs = 2;
  request.config.resource_limits.max_parallel_training_jobs = 2;
  const auto& job = f.create(request);
  for (int i = 0; i < 100000 && summarize(job).training.completed == 0; ++i) f.world->simulator().step();
  ASSERT_EQ(job.status, HyperParameterTuningJobStatus::InProgress);  // one child still running
  const auto& first_done = summarize(job).best;
  ASSERT_NE(first_done, nullptr);
  EXPECT_EQ(job.last_modified_time, *first_done->training_end_time);
}

TEST(TuningController, NamesChildrenAndPassesStaticTunedAndObjectiveHyperParameters) {
  Fixture f;
  const auto& job = f.create(test_support::blog_request("xgb-7"));
  f.run_to_end();
  const std::regex name("^xgb-7-(\\d{3})-[0-9a-f]{8}$");
  for (std::size_t i = 0; i < job.children.size(); ++i) {
    const auto& c = f.child(job, i);
    std::smatch m;
    ASSERT_TRUE(std::regex_match(c.name, m, name)) << c.name;
    EXPECT_EQ(std::stoi(m[1]), int(i) + 1);
    EXPECT_EQ(c.hyper_parameters().at("_tuning_objective_metric"), "validation:rmse");
    EXPECT_EQ(c.hyper_parameters().at("num_round"), "100");
    EXPECT_EQ(c.tuned_hyper_parameters().size(), 2u);
    const int depth = std::stoi(c.tuned_hyper_parameters().at("max_depth"));
    EXPECT_GE(depth, 2);
    EXPECT_LE(depth, 6);
    EXPECT_EQ(c.hyper_parameters().at("eta"), c.tuned_hyper_parameters().at("eta"));
    EXPECT_EQ(c.model_artifacts(), "s3://bucket/output/" + c.name + "/output/model.tar.gz");
  }
}

TEST(TuningController, FallsBackWhenThePreferredTypeIsDry) {
  capacity_model::Scenario scenario;
  scenario.pools.push_back({"ml.m4.xlarge", std::nullopt, 0});
  Fixture f(scenario);
  const auto& job = f.create(test_support::blog_request());
  f.run_to_end();
  EXPECT_EQ(job.status, HyperParameterTuningJobStatus::Completed);
  for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(f.child(job, i).resource.instance_type, "ml.m5.4xlarge");
  int fell_back = 0;
  for (const auto& e : test_support::rendered(f.world->timeline())) fell_back += e.type == "fell-back" ? 1 : 0;
  EXPECT_EQ(fell_back, 10);
}

TEST(TuningController, FailsAfterFiveCapacityErrorsWithoutASuccess) {
  capacity_model::Scenario scenario;
  scenario.pools.push_back({"ml.m4.xlarge", std::nullopt, 0});
  scenario.pools.push_back({"ml.m5.4xlarge", std::nullopt, 0});
  Fixture f(scenario);
  const auto& job = f.create(test_support::blog_request());
  f.run_to_end();
  EXPECT_EQ(job.status, HyperParameterTuningJobStatus::Failed);
  EXPECT_EQ(job.failure_reason, kNoTrainingJobSucceeded);
  ASSERT_EQ(job.children.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    const auto& c = f.child(job, i);
    EXPECT_EQ(c.status, TrainingJobStatus::Failed);
    EXPECT_EQ(c.failure_reason, model::kCapacityErrorReason);
    EXPECT_FALSE(c.training_start_time.has_value());
    EXPECT_EQ(c.creation_time + f.world->scenario().retry.window, *c.transitions.back().end_time);
  }
  EXPECT_EQ(summarize(job).training.retryable_error, 5);
}

TEST(TuningController, WaitingChildrenAreGrantedWhenCapacityReturns) {
  capacity_model::Scenario scenario;
  scenario.pools.push_back({"ml.m4.xlarge", std::nullopt, 0});
  scenario.pools.push_back({"ml.m5.4xlarge", std::nullopt, 0});
  scenario.changes.push_back({std::chrono::seconds(120), "ml.m5.4xlarge", std::nullopt, 16});
  Fixture f(scenario);
  const auto& job = f.create(test_support::blog_request());
  f.world->simulator().run_until(60s);
  EXPECT_EQ(f.child(job, 0).transitions.back().message, model::StatusMessage::InsufficientCapacity);
  f.run_to_end();
  EXPECT_EQ(job.status, HyperParameterTuningJobStatus::Completed);
  for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(f.child(job, i).status, TrainingJobStatus::Completed);
}

TEST(TuningController, StopStopsEveryRunningChild) {
  Fixture f;
  const auto& job = f.create(test_support::blog_request());
  f.world->simulator().run_until(5min);
  ASSERT_TRUE(f.world->tuning().stop(kScope, job.name).ok());
  EXPECT_EQ(job.status, HyperParameterTuningJobStatus::Stopping);
  f.run_to_end();
  EXPECT_EQ(job.status, HyperParameterTuningJobStatus::Stopped);
  EXPECT_EQ(job.children.size(), 5u);
  for (std::size_t i = 0; i < job.children.size(); ++i) EXPECT_EQ(f.child(job, i).status, TrainingJobStatus::Stopped);
  auto again = f.world->tuning().stop(kScope, job.name);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::ValidationException);
}

TEST(TuningController, MaxRuntimeEndsTheJobAndStopsChildren) {
  Fixture f;
  auto request = test_support::blog_request();
  request.config.resource_limits.max_runtime_in_seconds = 300;
  const auto& job = f.create(request);
  f.run_to_end();
  EXPECT_EQ(job.status, HyperParameterTuningJobStatus::Completed);
  EXPECT_LT(job.children.size(), 10u);
  EXPECT_LE(*job.end_time, 300s + 60s);
}

TEST(TuningController, TargetObjectiveEndsTheJobEarly) {
  Fixture f;
  auto request = test_support::blog_request();
  request.config.target_objective_metric_value = 100.0;  // any rmse reaches it
  request.config.resource_limits.max_parallel_training_jobs = 1;
  const auto& job = f.create(request);
  f.run_to_end();
  EXPECT_EQ(job.status, HyperParameterTuningJobStatus::Completed);
  EXPECT_EQ(job.children.size(), 1u);
}

TEST(TuningController, RejectsDuplicateNamesAndQuotas) {
  Fixture f;
  f.create(test_support::blog_request("dup"));
  auto again = f.world->tuning().create(kScope, test_support::blog_request("DUP"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::ResourceInUse);
  EXPECT_EQ(again.error().message, "A hyperparameter tuning job with the name, DUP, already exists. Choose a different name.");

  auto wide = test_support::blog_request("wide");
  wide.config.resource_limits.max_parallel_training_jobs = 11;
  wide.config.resource_limits.max_number_of_training_jobs = 20;
  auto refused = f.world->tuning().create(kScope, wide);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::ResourceLimitExceeded);
  EXPECT_NE(refused.error().message.find("account-level service limit"), std::string::npos);
}

TEST(TuningController, SameSeedSameRun) {
  auto run = [] {
    Fixture f;
    const auto& job = f.create(test_support::blog_request());
    f.run_to_end();
    std::vector<std::string> trace;
    for (const auto* child : job.children) {
      const auto& c = *child;
      trace.push_back(c.name + c.tuned_hyper_parameters().at("eta") + std::to_string(*c.objective_value) +
                      std::to_string(c.training_end_time->count()));
    }
    return trace;
  };
  const auto first = run();
  EXPECT_EQ(first.size(), 10u);
  EXPECT_EQ(first, run());
}

TEST(TuningController, JobsOfEqualRequestsShareTheRequestAndTheirChildrensSpecsButNotTheirNames) {
  Fixture f;
  const auto& first = f.create(test_support::blog_request("first"));
  const auto& second = f.create(test_support::blog_request("second"));
  auto other = test_support::blog_request("other");
  other.config.random_seed = 11;
  const auto& third = f.create(other);
  EXPECT_EQ(first.request, second.request);
  EXPECT_NE(first.request, third.request);
  f.run_to_end();
  ASSERT_FALSE(first.children.empty());
  ASSERT_FALSE(second.children.empty());
  EXPECT_EQ(first.children.front()->spec, second.children.front()->spec);
  EXPECT_EQ(first.children.front()->tuning_job_name, "first");
  EXPECT_EQ(second.children.front()->tuning_job_name, "second");
  // Deleting one leaves the other whole: the request lives while a job holds it.
  SageMakerService service(*f.world);
  ASSERT_TRUE(service.delete_hyper_parameter_tuning_job(kScope, "first").ok());
  EXPECT_EQ(second.request->config.resource_limits.max_number_of_training_jobs, 10);
  EXPECT_EQ(second.children.front()->spec->static_hyper_parameters.at("num_round"), "100");
}

TEST(TuningController, ChildrenOfARecreatedTuningJobDoNotTakeOverTheDeletedOnesNames) {
  Fixture f;
  SageMakerService service(*f.world);
  auto request = test_support::blog_request("again");
  request.config.resource_limits.max_number_of_training_jobs = 2;
  request.config.resource_limits.max_parallel_training_jobs = 2;
  const auto& first = f.create(request);
  f.run_to_end();
  std::vector<std::string> first_children;
  for (const auto* child : first.children) first_children.push_back(child->name);
  ASSERT_EQ(first_children.size(), 2u);
  ASSERT_TRUE(service.delete_hyper_parameter_tuning_job(kScope, "again").ok());
  const auto& second = f.create(request);
  f.run_to_end();
  auto& jobs = f.world->stores().at(kScope);
  for (const auto& name : first_children) {
    for (const auto* child : second.children) EXPECT_NE(child->name, name);
    EXPECT_EQ(jobs.find_training_job(name)->status, TrainingJobStatus::Completed);  // the old record stands
  }
  for (const auto* child : second.children) {
    EXPECT_TRUE(std::regex_match(child->name, std::regex("again-00[12]-[0-9a-f]{8}"))) << child->name;
    EXPECT_EQ(child->tuning_job_name, second.name);
  }
}

}  // namespace
}  // namespace emulator::tuning
