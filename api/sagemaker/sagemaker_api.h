#pragma once

#include <string>

#include "api/server/http_types.h"
#include "api/service_model/request_validator.h"
#include "emulator/sagemaker_service.h"

namespace api::sagemaker {

// POST with X-Amz-Target: SageMaker.<Operation>: target → operation from the service model,
// body → JSON → validated against the model → handler → AWS JSON 1.1 response.
class SageMakerApi {
 public:
  SageMakerApi(emulator::SageMakerService& service, const service_model::ServiceModel& model,
               std::string default_region);

  server::HttpResponse handle(const server::HttpRequest& request) const;

 private:
  emulator::SageMakerService& service_;
  const service_model::ServiceModel& model_;
  service_model::RequestValidator validator_;
  std::string default_region_;
};

}  // namespace api::sagemaker
