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
  auto view = c.service.describe_hyper_parameter_tuning_job(c.scope, codec::string_or(input, "HyperParameterTuningJobName"));
  if (!view) return aws::failure(view.error());
  return aws::success(c.encoder.describe_tuning_job(*view));
}

server::HttpResponse list_hyper_parameter_tuning_jobs(OperationContext& c, const Json& input) {
  auto page = c.service.list_hyper_parameter_tuning_jobs(c.scope, codec::decode_list_tuning_jobs(input));
  if (!page) return aws::failure(page.error());
  Json summaries = Json::array();
  for (const auto& view : page->items) summaries.push_back(c.encoder.tuning_job_summary(view));
  Json out = {{"HyperParameterTuningJobSummaries", std::move(summaries)}};
  if (page->next_token) out["NextToken"] = *page->next_token;
  return aws::success(wire_text(out));
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
  auto tuning = c.service.describe_hyper_parameter_tuning_job(c.scope, query.tuning_job_name);
  const auto objective = tuning ? emulator::model::objective_of(tuning->job->request) : std::nullopt;
  Json summaries = Json::array();
  for (const auto* job : page->items) summaries.push_back(c.encoder.tuning_child_summary(*job, objective));
  Json out = {{"TrainingJobSummaries", std::move(summaries)}};
  if (page->next_token) out["NextToken"] = *page->next_token;
  return aws::success(wire_text(out));
}

server::HttpResponse delete_hyper_parameter_tuning_job(OperationContext& c, const Json& input) {
  auto deleted = c.service.delete_hyper_parameter_tuning_job(c.scope, codec::string_or(input, "HyperParameterTuningJobName"));
  if (!deleted) return aws::failure(deleted.error());
  return aws::success("");
}

}  // namespace api::sagemaker
