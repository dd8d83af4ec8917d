#include "api/router.h"

#include <algorithm>
#include <cctype>

#include "api/aws/credential_scope.h"
#include "api/aws/envelope.h"
#include "api/query/envelope.h"

namespace api {
namespace {

// AWS JSON services a client may aim at this port that amt-emulator does not serve yet.
struct OtherJsonService {
  std::string_view target_prefix;
  std::string_view name;
  std::string_view content_type;
};
constexpr OtherJsonService kNotServedYet[] = {
    {"Logs_20140328.", "CloudWatch Logs", aws::kJsonContentType},
    {"GraniteServiceVersion20100801.", "CloudWatch", aws::kJson10ContentType},
};

bool is_form(std::string_view content_type) {
  constexpr std::string_view kForm = "application/x-www-form-urlencoded";
  return content_type.size() >= kForm.size() &&
         std::equal(kForm.begin(), kForm.end(), content_type.begin(),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

bool is_control(std::string_view path) { return path == "/_emulator" || path.substr(0, 11) == "/_emulator/"; }

bool is_query(const server::HttpRequest& request) {
  return request.method == "POST" && request.path() == "/" && is_form(request.header("Content-Type"));
}

}  // namespace

bool Router::is_s3(const server::HttpRequest& request) {
  const auto path = request.path();
  const bool target = !request.header("X-Amz-Target").empty();
  return !is_control(path) && !(path == "/metrics" && !target) && !target && !is_query(request);
}

server::HttpResponse Router::route(const server::HttpRequest& request) {
  const auto path = request.path();
  if (is_control(path)) return control_.handle(request);
  const auto target = request.header("X-Amz-Target");
  if (path == "/metrics" && target.empty()) {
    clock_.before_request();
    return metrics_.handle(request);
  }
  if (!target.empty()) return route_json(request, target);
  if (is_query(request)) return route_query(request);
  // S3 touches no simulated state, so the clock is left alone.
  auto response = s3_.handle(request);
  metrics_.count_call(std::string(s3::S3Api::operation_of(request)), response.status);
  return response;
}

server::HttpResponse Router::route_json(const server::HttpRequest& request, std::string_view target) {
  if (request.method != "POST") {
    return aws::failure("UnknownOperationException", "AWS JSON 1.1 operations are called with POST.");
  }
  for (const auto& other : kNotServedYet) {
    if (target.substr(0, other.target_prefix.size()) == other.target_prefix) {
      return aws::failure("UnknownOperationException",
                          std::string(other.name) + " (X-Amz-Target " + std::string(other.target_prefix) +
                              "*) is not served by amt-emulator yet.",
                          400, other.content_type);
    }
  }
  clock_.before_request();
  auto response = sagemaker_.handle(request);
  clock_.after_request();
  // Only served operations become label values: a client cannot invent metric series.
  const auto operation = sagemaker::SageMakerApi::served_operation(target);
  metrics_.count_call(operation ? std::string(*operation) : "unknown", response.status);
  return response;
}

// STS when the credential scope names it or the form carries its Version (an unsigned request
// has only its Version). STS touches no simulated state, so the clock is left alone.
server::HttpResponse Router::route_query(const server::HttpRequest& request) {
  const auto form = query::Form::parse(request.body);
  const auto credential = aws::credential_of(request.header("Authorization"));
  const auto version = form.value("Version").value_or("");
  if (!(credential && credential->service == "sts") && version != sts::kApiVersion) {
    const std::string scope = credential ? "credential scope service '" + credential->service + "', " : "";
    return query::failure({}, "InvalidAction",
                          "The service of this request (" + scope + "Version '" + std::string(version) +
                              "') is not served by amt-emulator; over the query protocol it serves STS (sts, "
                              "Version 2011-06-15).");
  }
  auto response = sts_.handle(request, form);
  const auto operation = sts::StsApi::served_operation(form);
  metrics_.count_call(operation ? std::string(*operation) : "unknown", response.status);
  return response;
}

}  // namespace api
