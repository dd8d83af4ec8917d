#include "emulator/tuning/tuning_controller.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <regex>
#include <set>

#include "emulator/model/training_messages.h"
#include "emulator/tuning/tuning_summary.h"
#include "tests/support/rendered_timeline.h"
#include "tests/support/test_world.h"
#include "tests/support/tuning_request_builder.h"

namespace emulator::tuning {
namespace {

using model::HyperParameterTuningJobStatus;
using model::TrainingJobStatus;
using test_support::kScope;
using namespace std::chrono_literals;

struct Fixture {
  std::unique_ptr<World> world;
  explicit Fixture(capacity_model::Scenario scenario = {}) : world(test_support::make_world(std::move(scenario))) {}

  const model::TuningJob& create(model::CreateHyperParameterTuningJobRequest request) {
    auto created = world->tuning().create(kScope, std::move(request));
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return **created;
  }
  void run_to_end() {
    for (int i = 0; i < 100000 && world->simulator().step(); ++i) {
    }
  }
  const model::TrainingJob& child(const model::TuningJob& job, std::size_t i) { return *job.children.at(i); }
  int holding_instances_max(const std::string& tuning_job) {
    int holding = 0, peak = 0;
    for (const auto& e : test_support::rendered(world->timeline())) {
      if (e.tuning_job != tuning_job) continue;
      if (e.type == "granted") peak = std::max(peak, ++holding);
      if (e.type == "released") --holding;
    }
    return peak;
  }
};

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
  auto& jobs = f.world->stores().at(kScope);
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
  EXPECT_EQ(run(), run());
}

}  // namespace
}  // namespace emulator::tuning

namespace emulator::tuning {
namespace {

// Replays the children's objective values in completion order: how many completed jobs
// in a row, at the end, failed to beat the best so far by 1 %.
int trailing_not_improving(Fixture& f, const model::TuningJob& job) {
  std::vector<const model::TrainingJob*> done;
  for (const auto* c : job.children) {
    if (c->status == model::TrainingJobStatus::Completed) done.push_back(c);
  }
  std::sort(done.begin(), done.end(), [](auto* a, auto* b) { return *a->training_end_time < *b->training_end_time; });
  std::optional<double> best;
  int streak = 0;
  for (const auto* c : done) {
    const double v = *c->objective_value;
    const bool improved = !best || v < *best - std::abs(*best) * 0.01;
    streak = improved ? 0 : streak + 1;
    if (!best || v < *best) best = v;
  }
  return streak;
}

TEST(TuningController, BestObjectiveNotImprovingEndsTheJobAfterThatManyJobs) {
  Fixture f;
  auto request = test_support::blog_request();
  request.config.resource_limits.max_number_of_training_jobs = 100;
  request.config.resource_limits.max_parallel_training_jobs = 1;
  request.config.max_jobs_not_improving = 3;
  const auto& job = f.create(request);
  f.run_to_end();
  EXPECT_EQ(job.status, model::HyperParameterTuningJobStatus::Completed);
  EXPECT_LT(job.children.size(), 100u);
  EXPECT_EQ(trailing_not_improving(f, job), 3);
  EXPECT_EQ(job.completion_details.jobs_not_improving, 3);
  EXPECT_FALSE(job.completion_details.convergence_detected_time.has_value());
}

TEST(TuningController, ConvergenceDetectedRecordsWhen) {
  Fixture f;
  auto request = test_support::blog_request();
  request.config.resource_limits.max_number_of_training_jobs = 200;
  request.config.resource_limits.max_parallel_training_jobs = 1;
  request.config.complete_on_convergence = true;
  const auto& job = f.create(request);
  f.run_to_end();
  EXPECT_LT(job.children.size(), 200u);
  EXPECT_EQ(trailing_not_improving(f, job), kConvergenceWindow);
  ASSERT_TRUE(job.completion_details.convergence_detected_time.has_value());
  EXPECT_EQ(*job.completion_details.convergence_detected_time, *job.end_time);
}

}  // namespace
}  // namespace emulator::tuning

#include "emulator/sagemaker_service.h"

namespace emulator::tuning {
namespace {

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
    EXPECT_EQ(child->tuning_job_arn(), second.arn);
  }
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

namespace emulator::tuning {
namespace {

TEST(EarlyStopping, AutoStopsChildrenWorseThanTheMedianAndKeepsTheirLastValue) {
  Fixture f;
  auto request = test_support::blog_request("early");
  request.config.early_stopping = model::TrainingJobEarlyStoppingType::Auto;
  request.config.resource_limits.max_number_of_training_jobs = 20;
  request.config.resource_limits.max_parallel_training_jobs = 2;
  const auto& job = f.create(request);
  f.run_to_end();
  EXPECT_EQ(job.status, model::HyperParameterTuningJobStatus::Completed);
  int stopped = 0;
  for (const auto* child : job.children) {
    const auto& c = *child;
    if (c.status != model::TrainingJobStatus::Stopped) continue;
    ++stopped;
    EXPECT_EQ(c.secondary_status, model::SecondaryStatus::Stopped);
    EXPECT_EQ(c.objective_status, model::ObjectiveStatus::Succeeded);
    ASSERT_EQ(c.final_metrics.size(), 1u);
    EXPECT_GT(c.launch_ordinal, 3);  // the rule needs three earlier jobs
  }
  EXPECT_GT(stopped, 0);
  auto summary = summarize(job);
  EXPECT_EQ(summary.training.stopped, stopped);
  EXPECT_EQ(summary.objective.succeeded, 20);
  int events = 0;
  for (const auto& e : test_support::rendered(f.world->timeline())) events += e.type == "early-stopped" ? 1 : 0;
  EXPECT_EQ(events, stopped);
}

TEST(Hyperband, StopsChildrenAtRungsAndNeedsMaxResource) {
  Fixture f;
  auto request = test_support::blog_request("hb");
  request.config.strategy = model::HyperParameterTuningJobStrategyType::Hyperband;
  request.config.resource_limits.max_number_of_training_jobs = 20;
  request.config.resource_limits.max_parallel_training_jobs = 2;
  auto refused = f.world->tuning().create(kScope, request);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("Unable to infer MaxResource"), std::string::npos);

  request.definitions[0].static_hyper_parameters["epochs"] = "27";
  const auto& job = f.create(request);
  f.run_to_end();
  EXPECT_EQ(job.status, model::HyperParameterTuningJobStatus::Completed);
  int stopped = 0;
  for (const auto& e : test_support::rendered(f.world->timeline())) {
    if (e.type != "early-stopped") continue;
    ++stopped;
    EXPECT_NE(e.message.find("Hyperband rung"), std::string::npos);
  }
  EXPECT_GT(stopped, 0);
  EXPECT_EQ(summarize(job).training.stopped, stopped);
}

}  // namespace
}  // namespace emulator::tuning

#include "emulator/model/warm_pool_status.h"

namespace emulator::tuning {
namespace {

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
  const auto now = f.world->simulator().now();
  const auto first = model::warm_pool_status(f.child(job, 0), now);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, model::WarmPoolResourceStatus::Reused);
  EXPECT_EQ(first->reused_by_job, f.child(job, 1).name);
  EXPECT_EQ(model::warm_pool_status(f.child(job, 2), now)->status, model::WarmPoolResourceStatus::Terminated);
  // A reused cluster starts in seconds: the second child was Downloading within 15 s.
  const auto& second = f.child(job, 1);
  EXPECT_LE((*second.training_start_time - second.creation_time).count(), 15'000);
  for (const auto& u : f.world->pool("us-east-1").usage_of("ml.m4.xlarge")) EXPECT_EQ(u.in_use, 0);
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

namespace emulator::tuning {
namespace {

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

}  // namespace
}  // namespace emulator::tuning

namespace emulator::tuning {
namespace {

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

namespace emulator::tuning {
namespace {

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
  def.metric_definition_names = {"loss"};
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
