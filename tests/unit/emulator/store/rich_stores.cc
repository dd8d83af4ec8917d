#include "tests/unit/emulator/store/rich_stores.h"

#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace emulator::store::rich {

using sim::SimTime;

const model::Scope kUs{"111111111111", "us-east-1"};
const model::Scope kEu{"222222222222", "eu-west-1"};
const model::Scope kIdle{"333333333333", "ap-south-1"};

namespace {

std::shared_ptr<const model::TuningRequestBody> rich_request() {
  model::TuningRequestBody request;
  auto& config = request.config;
  config.strategy = model::HyperParameterTuningJobStrategyType::Hyperband;
  config.objective = model::TuningObjective{model::HyperParameterTuningJobObjectiveType::Maximize, "validation:auc"};
  config.resource_limits = {20, 3, 7200};
  config.parameter_ranges = model::ParameterRanges{
      {{"max_depth", "1", "10", model::HyperParameterScalingType::Linear}},
      {{"eta", "0.001", "1", model::HyperParameterScalingType::ReverseLogarithmic}},
      {{"booster", {"gbtree", "dart"}}},
      {{"alpha", "0.5"}},
  };
  config.early_stopping = model::TrainingJobEarlyStoppingType::Auto;
  config.target_objective_metric_value = 0.95;
  config.max_jobs_not_improving = 4;
  config.complete_on_convergence = true;
  config.convergence_given = true;
  config.random_seed = -7;
  config.has_strategy_config = true;
  config.hyperband_min_resource = 1;
  config.hyperband_max_resource = 81;
  model::HyperParameterTrainingJobDefinition first;
  first.definition_name = "first";
  first.tuning_objective = config.objective;
  first.hyper_parameter_ranges = config.parameter_ranges;
  first.static_hyper_parameters = {{"objective", "binary:logistic"}, {"num_round", "50"}};
  first.algorithm_name = "xgboost";
  first.metric_definitions = {{"validation:auc", "auc=([0-9.]+)"}};
  first.resource_config = model::ResourceConfig{"ml.m5.xlarge", 2, 30, "kms-1", 600, false};
  first.max_wait_time_in_seconds = 7200;
  first.enable_managed_spot_training = true;
  first.has_checkpoint_config = true;
  first.s3_output_path = "s3://bucket/out";
  first.input_data_fingerprint = 0xfedcba9876543210ull;
  model::HyperParameterTrainingJobDefinition second;  // every optional unset
  second.tuning_resource_config = model::HyperParameterTuningResourceConfig{
      std::nullopt, std::nullopt, std::nullopt, std::nullopt, {{"ml.c5.xlarge", 1, 10}, {"ml.m5.large", 1, 20}}};
  second.training_image = "123.dkr.ecr/image:1";
  second.compressed_output = false;
  request.definitions = {first, second};
  request.uses_definition_list = true;
  request.warm_start = model::WarmStartConfig{{"parent-1", "parent-2"}, true};
  request.autotune = true;
  request.description = std::make_shared<const model::RawJson>(R"({"HyperParameterTuningJobConfig":{}})");
  return std::make_shared<const model::TuningRequestBody>(std::move(request));
}

std::shared_ptr<const model::TrainingJobSpec> child_spec(const model::TuningRequestBody& request, std::size_t d) {
  auto spec = std::make_shared<model::TrainingJobSpec>();
  if (d == 0) spec->definition_name = "first";
  spec->static_hyper_parameters = request.definitions[d].static_hyper_parameters;
  spec->objective_metric = "validation:auc";
  spec->tuned_names = {"max_depth", "eta"};
  spec->metric_definitions = request.definitions[d].metric_definitions;
  spec->s3_output_path = "s3://bucket/out";
  if (d == 1) spec->volume_kms_key_id = "kms-2";
  spec->description = request.description;
  spec->definition_in_request = d;
  return spec;
}

model::TrainingJob child(const std::string& name, const std::string& tuning_job, int ordinal,
                         std::shared_ptr<const model::TrainingJobSpec> spec, SimTime created) {
  model::TrainingJob job;
  job.name = name;
  job.tuning_job_name = tuning_job;
  job.spec = std::move(spec);
  job.launch_ordinal = ordinal;
  job.tuned_values = {std::to_string(ordinal), "0.1"};
  job.resource = {"ml.m5.xlarge", 2, 30};
  job.creation_time = created;
  job.last_modified_time = created + SimTime(5000);
  return job;
}

void add_tuning_job(JobStore& jobs, const std::string& name,
                    const std::shared_ptr<const model::TuningRequestBody>& request,
                    const std::vector<std::shared_ptr<const model::TrainingJobSpec>>& specs,
                    const std::vector<const model::TrainingJob*>& children, SimTime created) {
  model::TuningJob job;
  job.name = name;
  job.arn = model::tuning_job_arn(kUs, name);
  job.request = request;
  job.child_specs = specs;
  job.children = children;
  job.creation_time = created;
  job.last_modified_time = created + SimTime(9000);
  jobs.add_tuning_job(std::move(job));
}

// Two tuning jobs of one request (one of them with a deleted child), a job of their own with
// everything a training job may hold, and a bare one.
void add_tuning_jobs(JobStore& jobs) {
  const auto request = rich_request();
  const std::vector specs = {child_spec(*request, 0), child_spec(*request, 1)};
  auto& a1 = jobs.add_training_job(child("tune-a-001-1a2b", "tune-a", 1, specs[0], SimTime(1000)));
  a1.objective_status = model::ObjectiveStatus::Succeeded;
  a1.objective_value = 0.8;
  a1.final_metrics = {{"validation:auc", 0.8, SimTime(4000)}};
  jobs.restatus(a1, model::TrainingJobStatus::Completed);
  jobs.add_training_job(child("tune-a-002-3c4d", "tune-a", 2, specs[1], SimTime(1000)));
  jobs.erase_training_job("tune-a-002-3c4d");
  auto& a3 = jobs.add_training_job(child("tune-a-003-5e6f", "tune-a", 3, specs[1], SimTime(2000)));
  a3.objective_status = model::ObjectiveStatus::Failed;
  a3.failure_reason = "AlgorithmError: it broke";
  a3.secondary_status = model::SecondaryStatus::Failed;
  jobs.restatus(a3, model::TrainingJobStatus::Failed);
  auto& b1 = jobs.add_training_job(child("tune-b-001-7a8b", "tune-b", 1, specs[0], SimTime(1000)));
  b1.objective_value = std::numeric_limits<double>::infinity();
  auto& b2 = jobs.add_training_job(child("tune-b-002-9c0d", "tune-b", 2, specs[1], SimTime(3000)));
  jobs.restatus(b2, model::TrainingJobStatus::Stopping);

  add_tuning_job(jobs, "tune-a", request, specs, {&a1, &a3}, SimTime(500));
  add_tuning_job(jobs, "tune-b", request, specs, {&b1, &b2}, SimTime(500));
  auto& a = *jobs.find_tuning_job("tune-a");
  a.completion_details = {3, SimTime(8000)};
  a.end_time = SimTime(9000);
  a.failure_reason = "none";
  a.tags = {{"team", "ml"}};
  jobs.restatus(a, model::HyperParameterTuningJobStatus::Completed);
}

std::shared_ptr<model::TrainingOutput> rich_output() {
  auto output = std::make_shared<model::TrainingOutput>();
  output->first_printed = SimTime(12'000);
  output->cut = SimTime(30'000);
  model::PlannedOutput plan;
  plan.begins = SimTime(15'000);
  plan.ends = SimTime(40'000);
  plan.epochs = 3;
  plan.higher_is_better = true;
  plan.final_metrics = std::make_shared<const std::vector<model::MetricData>>(std::vector<model::MetricData>{
      {"validation:auc", 0.91, SimTime(40'000)}, {"train:loss", 0.1 + 0.2, SimTime(40'000)}});
  plan.objective_curve = std::make_shared<const std::vector<double>>(std::vector<double>{0.5, 0.75, 0.91});
  output->planned = plan;
  output->lines = {{SimTime(13'000), "epoch 1#011auc=0.5"}, {SimTime(14'000), "epoch 2"}};
  output->values = {{SimTime(13'000), "validation:auc", 0.5},
                    {SimTime(14'000), "train:loss", std::numeric_limits<double>::quiet_NaN()}};
  output->latest = {{"validation:auc", 0.5}, {"train:loss", -std::numeric_limits<double>::infinity()}};
  return output;
}

void add_training_jobs(JobStore& jobs) {
  auto spec = std::make_shared<model::TrainingJobSpec>();
  spec->static_hyper_parameters = {{"epochs", "3"}};
  spec->metric_definitions = {{"validation:auc", "auc=(.*)"}};
  spec->s3_output_path = "s3://bucket/plain";
  spec->description = std::make_shared<const model::RawJson>(R"({"TrainingJobName":"plain"})");
  model::TrainingJob plain;
  plain.name = "Plain";
  plain.spec = spec;
  plain.resource = {"ml.g5.xlarge", 1, 50};
  plain.keep_alive_period_in_seconds = 0;
  plain.warm_pool = model::WarmPoolRecord{model::WarmPoolResourceStatus::Terminated, SimTime(50'000)};
  plain.updated_description = std::make_shared<const model::RawJson>(R"({"TrainingJobName":"plain","x":1})");
  plain.tags = {{"owner", "me"}, {"cost-center", ""}};
  plain.secondary_status = model::SecondaryStatus::Completed;
  plain.transitions = {
      {model::SecondaryStatus::Starting, model::StatusMessage::InsufficientCapacity, SimTime(1000), SimTime(2000)},
      {model::SecondaryStatus::Completed, model::StatusMessage::Completed, SimTime(2000), std::nullopt},
  };
  plain.creation_time = SimTime(1000);  // as early as a tuning child: ties go by name
  plain.last_modified_time = SimTime(50'000);
  plain.training_start_time = SimTime(12'000);
  plain.training_end_time = SimTime(40'000);
  plain.training_time_in_seconds = 28;
  plain.billable_time_in_seconds = 30;
  plain.final_metrics = {{"validation:auc", 0.91, SimTime(40'000)}};
  plain.output = rich_output();
  plain.objective_status = model::ObjectiveStatus::Succeeded;
  plain.objective_value = 0.91;
  jobs.restatus(jobs.add_training_job(std::move(plain)), model::TrainingJobStatus::Completed);

  model::TrainingJob bare;  // every optional unset, an output of a real process
  bare.name = "bare";
  bare.spec = spec;
  bare.transitions = {
      {model::SecondaryStatus::Failed, model::StatusMessage::FailureReason, SimTime(3000), SimTime(4000)}};
  bare.creation_time = SimTime(3000);
  bare.output = std::make_shared<model::TrainingOutput>();
  bare.output->lines = {{SimTime(3500), "hello"}};
  jobs.add_training_job(std::move(bare));
}

}  // namespace

void fill(Stores& stores) {
  add_tuning_jobs(stores.at(kUs));
  add_training_jobs(stores.at(kUs));
  add_training_jobs(stores.at(kEu));
  stores.at(kIdle);
}

}  // namespace emulator::store::rich
