#include "api/aws/envelope.h"
#include "api/sagemaker/codec/list_queries.h"
#include "api/sagemaker/operation_context.h"

namespace api::sagemaker {

server::HttpResponse describe_training_job(OperationContext& c, const Json& input) {
  auto job = c.service.describe_training_job(c.scope, codec::string_or(input, "TrainingJobName"));
  if (!job) return aws::failure(job.error());
  return aws::success(c.encoder.describe_training_job(**job));
}

server::HttpResponse list_training_jobs(OperationContext& c, const Json& input) {
  auto page = c.service.list_training_jobs(c.scope, codec::decode_list_training_jobs(input));
  if (!page) return aws::failure(page.error());
  Json summaries = Json::array();
  for (const auto* job : page->items) summaries.push_back(c.encoder.training_job_summary(*job));
  Json out = {{"TrainingJobSummaries", std::move(summaries)}};
  if (page->next_token) out["NextToken"] = *page->next_token;
  return aws::success(out.dump());
}

server::HttpResponse stop_training_job(OperationContext& c, const Json& input) {
  auto stopped = c.service.stop_training_job(c.scope, codec::string_or(input, "TrainingJobName"));
  if (!stopped) return aws::failure(stopped.error());
  return aws::success("");
}

}  // namespace api::sagemaker
