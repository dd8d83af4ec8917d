#pragma once

#include <functional>
#include <string_view>

#include "api/sagemaker/codec/answer_cache.h"
#include "api/sagemaker/codec/job_encoding.h"
#include "api/sagemaker/codec/json_fields.h"
#include "api/server/http_types.h"
#include "emulator/model/scope.h"
#include "emulator/sagemaker_service.h"

namespace api::sagemaker {

using codec::Json;

// What one operation handler gets: the service, the caller's (account, region) and the
// validated input. Handlers are pure request → response functions (no socket).
struct OperationContext {
  emulator::SageMakerService& service;
  const emulator::model::Scope& scope;
  const codec::JobEncoder& encoder;
  codec::AnswerCache& cache;
  // Whether an s3:// prefix is in a bucket the S3 store knows, with no object under it (empty:
  // no store to ask). Buckets the store has never seen pass, since nothing could have filled them.
  const std::function<bool(std::string_view s3_uri)>& empty_prefix;
};

// The encoded answer `key` names: from the cache while its record has not changed, else
// `encode()`'s, kept for next time.
template <typename Encode>
const std::string& answer(OperationContext& c, const codec::AnswerKey& key, Encode encode) {
  if (const auto* kept = c.cache.find(key)) return *kept;
  return c.cache.store(key, encode());
}

// {"<member>":[<item>,...]} with "NextToken" when given: a List answer made of encoded items,
// each copied in as it comes (keeping an item may evict another from the cache).
class ListAnswer {
 public:
  explicit ListAnswer(std::string_view member);
  void add(const std::string& item);
  std::string finish(const std::optional<std::string>& next_token) &&;

 private:
  std::string text_;
  bool empty_ = true;
};

using OperationHandler = server::HttpResponse (*)(OperationContext& context, const Json& input);

server::HttpResponse create_hyper_parameter_tuning_job(OperationContext& c, const Json& input);
server::HttpResponse describe_hyper_parameter_tuning_job(OperationContext& c, const Json& input);
server::HttpResponse list_hyper_parameter_tuning_jobs(OperationContext& c, const Json& input);
server::HttpResponse stop_hyper_parameter_tuning_job(OperationContext& c, const Json& input);
server::HttpResponse list_training_jobs_for_hyper_parameter_tuning_job(OperationContext& c, const Json& input);
server::HttpResponse describe_training_job(OperationContext& c, const Json& input);
server::HttpResponse list_training_jobs(OperationContext& c, const Json& input);
server::HttpResponse stop_training_job(OperationContext& c, const Json& input);
server::HttpResponse delete_hyper_parameter_tuning_job(OperationContext& c, const Json& input);
server::HttpResponse create_training_job(OperationContext& c, const Json& input);
server::HttpResponse delete_training_job(OperationContext& c, const Json& input);
server::HttpResponse update_training_job(OperationContext& c, const Json& input);
server::HttpResponse add_tags(OperationContext& c, const Json& input);
server::HttpResponse list_tags(OperationContext& c, const Json& input);
server::HttpResponse delete_tags(OperationContext& c, const Json& input);

}  // namespace api::sagemaker
