#include "api/aws/envelope.h"
#include "api/json/json_body.h"
#include "api/sagemaker/codec/list_queries.h"
#include "api/sagemaker/codec/training_request_codec.h"
#include "api/sagemaker/codec/tuning_request_codec.h"
#include "api/sagemaker/operation_context.h"

namespace api::sagemaker {

server::HttpResponse describe_training_job(OperationContext& c, const Json& input) {
  auto job = c.service.describe_training_job(c.scope, codec::string_or(input, "TrainingJobName"));
  if (!job) return aws::failure(job.error());
  const auto& record = **job;
  return aws::success(answer(
      c, {&record, codec::AnswerKey::Kind::DescribeTrainingJob, record.version, c.encoder.warm_pool_moment(record)},
      [&] { return c.encoder.describe_training_job(record); }));
}

server::HttpResponse list_training_jobs(OperationContext& c, const Json& input) {
  auto page = c.service.list_training_jobs(c.scope, codec::decode_list_training_jobs(input));
  if (!page) return aws::failure(page.error());
  ListAnswer answer_list("TrainingJobSummaries");
  for (const auto* job : page->items) {
    answer_list.add(
        answer(c, {job, codec::AnswerKey::Kind::TrainingJobSummary, job->version, c.encoder.warm_pool_moment(*job)},
               [&] { return c.encoder.training_job_summary(*job); }));
  }
  return aws::success(std::move(answer_list).finish(page->next_token));
}

server::HttpResponse stop_training_job(OperationContext& c, const Json& input) {
  auto stopped = c.service.stop_training_job(c.scope, codec::string_or(input, "TrainingJobName"));
  if (!stopped) return aws::failure(stopped.error());
  return aws::success("");
}

namespace {

// SageMaker refuses CreateTrainingJob when an S3Prefix channel holds no object, naming the
// region and the role that would have listed it.
std::optional<std::string> empty_channel(const OperationContext& c, const Json& input) {
  if (!c.empty_prefix || !input.contains("InputDataConfig")) return std::nullopt;
  for (const auto& channel : input.at("InputDataConfig")) {
    const Json source = channel.value("DataSource", Json::object()).value("S3DataSource", Json::object());
    const std::string uri = source.value("S3Uri", "");
    if (source.value("S3DataType", "") != "S3Prefix" || !c.empty_prefix(uri)) continue;
    const std::string bucket = uri.substr(5, uri.find('/', 5) - 5);
    return "No S3 objects found under S3 URL \"" + uri +
           "\" given in input data source. Please ensure that the bucket exists in the selected region (" +
           c.scope.region + "), that objects exist under that S3 prefix, and that the role \"" +
           input.value("RoleArn", "") + "\" has \"s3:ListBucket\" permissions on bucket \"" + bucket + "\".";
  }
  return std::nullopt;
}

}  // namespace

server::HttpResponse create_training_job(OperationContext& c, const Json& input) {
  if (auto empty = empty_channel(c, input)) return aws::failure(emulator::validation_error(*empty));
  auto arn = c.service.create_training_job(c.scope, codec::decode_create_training_job(input));
  if (!arn) return aws::failure(arn.error());
  return aws::success(wire_text(Json{{"TrainingJobArn", *arn}}));
}

server::HttpResponse delete_training_job(OperationContext& c, const Json& input) {
  const auto name = codec::string_or(input, "TrainingJobName");
  const auto job = c.service.describe_training_job(c.scope, name);
  auto deleted = c.service.delete_training_job(c.scope, name);
  if (!deleted) return aws::failure(deleted.error());
  c.cache.forget(*job);
  return aws::success("");
}

server::HttpResponse update_training_job(OperationContext& c, const Json& input) {
  const auto name = codec::string_or(input, "TrainingJobName");
  auto job = c.service.describe_training_job(c.scope, name);
  if (!job) return aws::failure({emulator::ErrorCode::ResourceNotFound, "Requested resource not found."});
  auto arn = c.service.update_training_job(
      c.scope, name, codec::decode_update_training_job(input, codec::training_description(**job)));
  if (!arn) return aws::failure(arn.error());
  return aws::success(wire_text(Json{{"TrainingJobArn", *arn}}));
}

}  // namespace api::sagemaker
