#include "api/aws/envelope.h"
#include "api/json/json_body.h"
#include "api/sagemaker/codec/list_queries.h"
#include "api/sagemaker/codec/tuning_request_codec.h"
#include "api/sagemaker/operation_context.h"

namespace api::sagemaker {

server::HttpResponse create_hyper_parameter_tuning_job(OperationContext& c, const Json& input) {
  auto request = codec::decode_create_tuning_job(input);
  if (!request) return aws::failure(request.error());
  auto arn = c.service.create_hyper_parameter_tuning_job(c.scope, std::move(*request));
  if (!arn) return aws::failure(arn.error());
  return aws::success(wire_text(Json{{"HyperParameterTuningJobArn", *arn}}));
}

server::HttpResponse describe_hyper_parameter_tuning_job(OperationContext& c, const Json& input) {
  auto job = c.service.find_hyper_parameter_tuning_job(c.scope, codec::string_or(input, "HyperParameterTuningJobName"));
  if (!job) return aws::failure(job.error());
  const auto& record = **job;
  auto encode = [&] { return c.encoder.describe_tuning_job(c.service.view_of(c.scope, record)); };
  // OverallBestTrainingJob reads other jobs (the warm-start parents'): such answers are not kept.
  if (record.request->warm_start && record.request->warm_start->identical_data_and_algorithm) {
    return aws::success(encode());
  }
  using Kind = codec::AnswerKey::Kind;
  return aws::success(
      answer(c, {&record, Kind::DescribeTuningJob, record.version, c.encoder.runtime_moment(record)}, encode));
}

server::HttpResponse list_hyper_parameter_tuning_jobs(OperationContext& c, const Json& input) {
  auto page = c.service.list_hyper_parameter_tuning_jobs(c.scope, codec::decode_list_tuning_jobs(input));
  if (!page) return aws::failure(page.error());
  ListAnswer answer_list("HyperParameterTuningJobSummaries");
  for (const auto* job : page->items) {
    answer_list.add(answer(c, {job, codec::AnswerKey::Kind::TuningJobSummary, job->version, 0},
                           [&] { return c.encoder.tuning_job_summary(c.service.view_of(c.scope, *job)); }));
  }
  return aws::success(std::move(answer_list).finish(page->next_token));
}

server::HttpResponse stop_hyper_parameter_tuning_job(OperationContext& c, const Json& input) {
  auto stopped = c.service.stop_hyper_parameter_tuning_job(c.scope, codec::string_or(input, "HyperParameterTuningJobName"));
  if (!stopped) return aws::failure(stopped.error());
  return aws::success("");
}

server::HttpResponse list_training_jobs_for_hyper_parameter_tuning_job(OperationContext& c, const Json& input) {
  const auto query = codec::decode_list_tuning_children(input);
  auto page = c.service.list_training_jobs_for_hyper_parameter_tuning_job(c.scope, query);
  if (!page) return aws::failure(page.error());
  auto tuning = c.service.find_hyper_parameter_tuning_job(c.scope, query.tuning_job_name);
  const auto objective = tuning ? emulator::model::objective_of(*(*tuning)->request) : std::nullopt;
  ListAnswer answer_list("TrainingJobSummaries");
  for (const auto* job : page->items) {
    answer_list.add(answer(c, {job, codec::AnswerKey::Kind::TuningChildSummary, job->version, 0},
                           [&] { return c.encoder.tuning_child_summary(*job, objective); }));
  }
  return aws::success(std::move(answer_list).finish(page->next_token));
}

server::HttpResponse delete_hyper_parameter_tuning_job(OperationContext& c, const Json& input) {
  const auto name = codec::string_or(input, "HyperParameterTuningJobName");
  const auto job = c.service.find_hyper_parameter_tuning_job(c.scope, name);
  auto deleted = c.service.delete_hyper_parameter_tuning_job(c.scope, name);
  if (!deleted) return aws::failure(deleted.error());
  c.cache.forget(*job);
  return aws::success("");
}

}  // namespace api::sagemaker
