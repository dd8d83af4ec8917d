#include "api/router.h"

#include "api/aws/envelope.h"

namespace api {

server::HttpResponse Router::route(const server::HttpRequest& request) {
  const auto path = request.path();
  if (path == "/_emulator" || path.substr(0, 11) == "/_emulator/") return control_.handle(request);
  const auto target = request.header("X-Amz-Target");
  if (path == "/metrics" && target.empty()) {
    clock_.before_request();
    return metrics_.handle(request);
  }
  if (!target.empty()) {
    if (request.method != "POST") {
      return aws::failure("UnknownOperationException", "AWS JSON 1.1 operations are called with POST.");
    }
    clock_.before_request();
    auto response = sagemaker_.handle(request);
    clock_.after_request();
    // Only served operations become label values: a client cannot invent metric series.
    const auto operation = sagemaker::SageMakerApi::served_operation(target);
    metrics_.count_call(operation ? std::string(*operation) : "unknown", response.status);
    return response;
  }
  if (request.method == "POST") {
    return aws::failure("UnknownOperationException",
                        "Missing X-Amz-Target header: this endpoint speaks AWS JSON 1.1 (SageMaker.<Operation>).");
  }
  return aws::failure("UnknownOperationException",
                      "Nothing here at " + std::string(path) +
                          ". SageMaker calls are POSTs with X-Amz-Target; the control plane is under /_emulator/.",
                      404);
}

}  // namespace api
