#include "api/sagemaker/codec/job_encoding.h"

#include "api/sagemaker/codec/tuning_request_codec.h"
#include "emulator/model/warm_pool_status.h"

namespace api::sagemaker::codec {
namespace {

void put_warm_pool(Json& out, const emulator::model::TrainingJob& job, emulator::sim::SimTime now) {
  const auto warm_pool = emulator::model::warm_pool_status(job, now);
  if (!warm_pool) return;
  Json status = {{"Status", emulator::model::to_string(warm_pool->status)}};
  if (warm_pool->resource_retained_billable_time_in_seconds) {
    status["ResourceRetainedBillableTimeInSeconds"] = *warm_pool->resource_retained_billable_time_in_seconds;
  }
  out["WarmPoolStatus"] = std::move(status);
}

}  // namespace

namespace model = emulator::model;
using model::to_string;

std::string JobEncoder::training_job_arn(const model::TrainingJob& job) const {
  return model::training_job_arn(scope_, job.name);
}

Json JobEncoder::counters(const emulator::model::TuningProgress& progress) const {
  const auto& t = progress.training;
  const auto& o = progress.objective;
  return Json{{"TrainingJobStatusCounters",
               {{"Completed", t.completed}, {"InProgress", t.in_progress}, {"RetryableError", t.retryable_error},
                {"NonRetryableError", t.non_retryable_error}, {"Stopped", t.stopped}}},
              {"ObjectiveStatusCounters", {{"Succeeded", o.succeeded}, {"Pending", o.pending}, {"Failed", o.failed}}}};
}

std::string JobEncoder::describe_tuning_job(const emulator::TuningJobView& view) const {
  const auto& job = *view.job;
  Json out = counters(view.progress);
  out["HyperParameterTuningJobName"] = job.name;
  out["HyperParameterTuningJobArn"] = job.arn;
  out["HyperParameterTuningJobStatus"] = to_string(job.status);
  out["CreationTime"] = time(job.creation_time);
  out["LastModifiedTime"] = time(job.last_modified_time);
  if (job.end_time) out["HyperParameterTuningEndTime"] = time(*job.end_time);
  if (!job.failure_reason.empty()) out["FailureReason"] = job.failure_reason;
  const auto objective = emulator::model::objective_of(*job.request);
  if (view.progress.best != nullptr) out["BestTrainingJob"] = child_summary(*view.progress.best, objective);
  if (view.overall_best != nullptr) out["OverallBestTrainingJob"] = child_summary(*view.overall_best, objective);
  const auto& details = job.completion_details;
  if (details.jobs_not_improving || details.convergence_detected_time) {
    Json completion = Json::object();
    if (details.jobs_not_improving) completion["NumberOfTrainingJobsObjectiveNotImproving"] = *details.jobs_not_improving;
    if (details.convergence_detected_time) completion["ConvergenceDetectedTime"] = time(*details.convergence_detected_time);
    out["TuningJobCompletionDetails"] = std::move(completion);
  }
  const auto runtime_end = job.end_time.value_or(clock_.now);
  out["ConsumedResources"] = {{"RuntimeInSeconds", (runtime_end - job.creation_time).count() / 1000}};
  return splice_members(out.dump(), *job.request->description);
}

std::string JobEncoder::tuning_job_summary(const emulator::TuningJobView& view) const {
  const auto& job = *view.job;
  Json out = counters(view.progress);
  out["HyperParameterTuningJobName"] = job.name;
  out["HyperParameterTuningJobArn"] = job.arn;
  out["HyperParameterTuningJobStatus"] = to_string(job.status);
  out["Strategy"] = to_string(job.request->config.strategy);
  out["CreationTime"] = time(job.creation_time);
  out["LastModifiedTime"] = time(job.last_modified_time);
  if (job.end_time) out["HyperParameterTuningEndTime"] = time(*job.end_time);
  const auto& limits = job.request->config.resource_limits;
  Json resource_limits = {{"MaxParallelTrainingJobs", limits.max_parallel_training_jobs}};
  if (limits.max_number_of_training_jobs) resource_limits["MaxNumberOfTrainingJobs"] = *limits.max_number_of_training_jobs;
  if (limits.max_runtime_in_seconds) resource_limits["MaxRuntimeInSeconds"] = *limits.max_runtime_in_seconds;
  out["ResourceLimits"] = std::move(resource_limits);
  return out.dump();
}

std::string JobEncoder::tuning_child_summary(const model::TrainingJob& job,
                                             const std::optional<model::TuningObjective>& objective) const {
  return child_summary(job, objective).dump();
}

Json JobEncoder::child_summary(const model::TrainingJob& job,
                               const std::optional<model::TuningObjective>& objective) const {
  Json out;
  if (job.spec->definition_name) out["TrainingJobDefinitionName"] = *job.spec->definition_name;
  out["TrainingJobName"] = job.name;
  out["TrainingJobArn"] = training_job_arn(job);
  out["TuningJobName"] = job.tuning_job_name;
  out["CreationTime"] = time(job.creation_time);
  if (job.training_start_time) out["TrainingStartTime"] = time(*job.training_start_time);
  if (job.training_end_time) out["TrainingEndTime"] = time(*job.training_end_time);
  out["TrainingJobStatus"] = to_string(job.status);
  out["TunedHyperParameters"] = job.tuned_hyper_parameters();
  if (!job.failure_reason.empty()) out["FailureReason"] = job.failure_reason;
  if (job.objective_value && objective) {
    out["FinalHyperParameterTuningJobObjectiveMetric"] = {
        {"Type", to_string(objective->type)}, {"MetricName", objective->metric_name}, {"Value", *job.objective_value}};
  }
  out["ObjectiveStatus"] = to_string(job.objective_status);
  return out;
}

std::string JobEncoder::describe_training_job(const model::TrainingJob& job) const {
  Json out;
  out["TrainingJobName"] = job.name;
  out["TrainingJobArn"] = training_job_arn(job);
  if (job.is_tuning_child()) out["TuningJobArn"] = model::tuning_job_arn(scope_, job.tuning_job_name);
  out["ModelArtifacts"] = {{"S3ModelArtifacts", job.model_artifacts()}};
  out["TrainingJobStatus"] = to_string(job.status);
  out["SecondaryStatus"] = to_string(job.secondary_status);
  if (!job.failure_reason.empty()) out["FailureReason"] = job.failure_reason;
  out["HyperParameters"] = job.hyper_parameters();
  Json resource = {{"InstanceType", job.resource.instance_type},
                   {"InstanceCount", job.resource.instance_count},
                   {"VolumeSizeInGB", job.resource.volume_size_in_gb}};
  if (job.spec->volume_kms_key_id) resource["VolumeKmsKeyId"] = *job.spec->volume_kms_key_id;
  if (job.keep_alive_period_in_seconds) resource["KeepAlivePeriodInSeconds"] = *job.keep_alive_period_in_seconds;
  out["ResourceConfig"] = std::move(resource);
  put_warm_pool(out, job, clock_.now);
  out["CreationTime"] = time(job.creation_time);
  if (job.training_start_time) out["TrainingStartTime"] = time(*job.training_start_time);
  if (job.training_end_time) out["TrainingEndTime"] = time(*job.training_end_time);
  out["LastModifiedTime"] = time(job.last_modified_time);
  Json transitions = Json::array();
  for (const auto& t : job.transitions) {
    Json entry = {{"Status", to_string(t.status)}, {"StartTime", time(t.start_time)}};
    if (t.end_time) entry["EndTime"] = time(*t.end_time);
    if (const auto message = job.message_of(t); !message.empty()) entry["StatusMessage"] = message;
    transitions.push_back(std::move(entry));
  }
  out["SecondaryStatusTransitions"] = std::move(transitions);
  if (!job.final_metrics.empty()) {
    Json metrics = Json::array();
    for (const auto& m : job.final_metrics) {
      metrics.push_back({{"MetricName", m.metric_name}, {"Value", m.value}, {"Timestamp", time(m.timestamp)}});
    }
    out["FinalMetricDataList"] = std::move(metrics);
  }
  if (job.training_time_in_seconds) out["TrainingTimeInSeconds"] = *job.training_time_in_seconds;
  if (job.billable_time_in_seconds) out["BillableTimeInSeconds"] = *job.billable_time_in_seconds;
  return splice_members(out.dump(), training_description(job));
}

std::string JobEncoder::training_job_summary(const model::TrainingJob& job) const {
  Json out;
  out["TrainingJobName"] = job.name;
  out["TrainingJobArn"] = training_job_arn(job);
  out["CreationTime"] = time(job.creation_time);
  if (job.training_end_time) out["TrainingEndTime"] = time(*job.training_end_time);
  out["LastModifiedTime"] = time(job.last_modified_time);
  out["TrainingJobStatus"] = to_string(job.status);
  out["SecondaryStatus"] = to_string(job.secondary_status);
  put_warm_pool(out, job, clock_.now);
  return out.dump();
}

std::int64_t JobEncoder::runtime_moment(const model::TuningJob& job) const {
  return job.end_time ? 0 : (clock_.now - job.creation_time).count() / 1000;
}

std::int64_t JobEncoder::warm_pool_moment(const model::TrainingJob& job) const {
  const auto warm_pool = model::warm_pool_status(job, clock_.now);
  if (!warm_pool) return 0;
  return std::int64_t(warm_pool->status) +
         8 * std::int64_t(warm_pool->resource_retained_billable_time_in_seconds.value_or(-1) + 1);
}

}  // namespace api::sagemaker::codec
