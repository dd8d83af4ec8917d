#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/server/http_types.h"
#include "api/service_model/request_validator.h"
#include "emulator/sagemaker_service.h"

namespace api::sagemaker {

namespace codec {
class AnswerCache;
}

// POST with X-Amz-Target: SageMaker.<Operation>: target → operation from the service model,
// body → JSON → validated against the model → handler → AWS JSON 1.1 response.
class SageMakerApi {
 public:
  // The account of a temporary key STS issued, nullopt for other keys (aws::IssuedAccounts).
  using IssuedAccounts = std::function<std::optional<std::string>(std::string_view access_key)>;
  // Whether an s3:// prefix names a bucket the S3 store knows and no object under it: then
  // CreateTrainingJob refuses the channel as SageMaker does (OperationContext::empty_prefix).
  using EmptyPrefix = std::function<bool(std::string_view s3_uri)>;

  SageMakerApi(emulator::SageMakerService& service, const service_model::ServiceModel& model,
               std::string default_region, IssuedAccounts issued_accounts = {}, EmptyPrefix empty_prefix = {});
  ~SageMakerApi();

  server::HttpResponse handle(const server::HttpRequest& request);
  // The operation an X-Amz-Target names ("SageMaker.DescribeTrainingJob" → DescribeTrainingJob)
  // when amt-emulator serves it.
  static std::optional<std::string_view> served_operation(std::string_view target);

 private:
  emulator::SageMakerService& service_;
  const service_model::ServiceModel& model_;
  service_model::RequestValidator validator_;
  std::unique_ptr<codec::AnswerCache> answers_;  // encoded answers of jobs that have not changed
  std::string default_region_;
  IssuedAccounts issued_accounts_;
  EmptyPrefix empty_prefix_;
};

}  // namespace api::sagemaker
