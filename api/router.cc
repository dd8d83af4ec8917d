#include "api/router.h"

#include <algorithm>
#include <cctype>

#include "api/aws/envelope.h"

namespace api {
namespace {

// "SageMaker.DescribeTrainingJob" → "DescribeTrainingJob"; anything that is not an operation
// name is counted as "invalid", so a client cannot invent metric label values.
std::string operation_label(std::string_view target) {
  const auto dot = target.rfind('.');
  const auto name = dot == std::string_view::npos ? target : target.substr(dot + 1);
  const bool plain = !name.empty() && name.size() <= 64 &&
                     std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
  return plain ? std::string(name) : "invalid";
}

}  // namespace

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
    metrics_.count_call(operation_label(target), response.status);
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
