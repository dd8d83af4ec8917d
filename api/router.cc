#include "api/router.h"

#include <algorithm>
#include <cctype>

#include "api/aws/credential_scope.h"
#include "api/aws/envelope.h"
#include "api/monitoring/cloudwatch_model.h"
#include "api/query/envelope.h"
#include "api/s3/s3_api.h"
#include "api/ui/ui_api.h"

namespace api {
namespace {

constexpr std::string_view kCloudWatchTarget = "GraniteServiceVersion20100801.";

// Whether a Content-Type begins with `prefix` (lower case), in any letter case.
bool type_starts_with(std::string_view content_type, std::string_view prefix) {
  return content_type.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), content_type.begin(),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

bool is_form(std::string_view content_type) {
  return type_starts_with(content_type, "application/x-www-form-urlencoded");
}

bool is_query(const server::HttpRequest& request) {
  return request.method == "POST" && request.path() == "/" && is_form(request.header("Content-Type"));
}

// An AWS JSON 1.0/1.1 call names its operation in X-Amz-Target. One that lost the header is
// still told apart from S3 by its JSON content type or by the JSON-only service it was signed
// for, and is answered in the JSON envelope rather than by S3 (sagemaker-api.md §1.1, §4.2).
bool is_json_without_target(const server::HttpRequest& request) {
  if (request.method != "POST" || !request.header("X-Amz-Target").empty()) return false;
  if (type_starts_with(request.header("Content-Type"), "application/x-amz-json-")) return true;
  const auto credential = aws::credential_of(request.header("Authorization"));
  return credential && (credential->service == "sagemaker" || credential->service == "logs");
}

bool is_cbor(const server::HttpRequest& request) {
  const auto path = request.path();
  return request.method == "POST" && path.substr(0, monitoring::kCborPathPrefix.size()) == monitoring::kCborPathPrefix &&
         request.header("smithy-protocol") == "rpc-v2-cbor";
}

}  // namespace

bool Router::is_control(std::string_view path) { return path == "/_emulator" || path.substr(0, 11) == "/_emulator/"; }

bool Router::is_s3(const server::HttpRequest& request) {
  const auto path = request.path();
  const bool target = !request.header("X-Amz-Target").empty();
  return !ui::is_ui_path(path) && !is_control(path) && !(path == "/metrics" && !target) && !target &&
         !is_cbor(request) && !is_query(request) && !is_json_without_target(request);
}

bool Router::changes_state(const server::HttpRequest& request) {
  const auto path = request.path();
  if (is_control(path)) return request.method != "GET" && request.method != "HEAD";
  const auto is_read = [](std::string_view operation) {
    for (std::string_view read : {"Describe", "List", "Get", "Filter", "Search", "Batch"}) {
      if (operation.substr(0, read.size()) == read) return true;
    }
    return false;
  };
  if (const auto target = request.header("X-Amz-Target"); !target.empty()) {
    const auto dot = target.rfind('.');
    return dot != std::string_view::npos && !is_read(target.substr(dot + 1));
  }
  if (is_cbor(request)) return !is_read(path.substr(path.rfind('/') + 1));
  if (is_query(request)) {
    const auto form = query::Form::parse(request.body);
    return form.value("Version").value_or("") == monitoring::kApiVersion &&
           !is_read(form.value("Action").value_or("Get"));
  }
  return false;
}

server::HttpResponse Router::route(const server::HttpRequest& request) {
  const auto path = request.path();
  if (ui::is_ui_path(path)) return ui::serve(request);
  if (is_control(path)) {
    if (auto refusal = refuse_control(request)) return *refusal;
    return control_.handle(request);
  }
  const auto target = request.header("X-Amz-Target");
  if (path == "/metrics" && target.empty()) {
    clock_.before_request();
    return metrics_.handle(request);
  }
  if (!target.empty()) return route_json(request, target);
  if (is_cbor(request)) {
    const auto operation = path.substr(monitoring::kCborPathPrefix.size());
    if (auto refusal = refused(request, Protocol::cloudwatch_cbor)) {
      return counted(monitoring::MonitoringApi::served_operation(operation), std::move(*refusal));
    }
    return to_monitoring(operation, [&] { return monitoring_.handle_cbor(request, operation); });
  }
  if (is_query(request)) return route_query(request);
  if (is_json_without_target(request)) return route_json(request, "");
  // S3 touches no simulated state, so the clock is left alone.
  auto refusal = refused(request, Protocol::s3);
  return counted(s3::S3Api::operation_of(request), refusal ? std::move(*refusal) : s3_.handle(request));
}

server::HttpResponse Router::route_json(const server::HttpRequest& request, std::string_view target) {
  if (request.method != "POST") {
    return aws::failure("UnknownOperationException", "AWS JSON 1.1 operations are called with POST.");
  }
  const bool cloudwatch = target.substr(0, kCloudWatchTarget.size()) == kCloudWatchTarget;
  if (target.empty()) {
    if (auto refusal = refused(request, Protocol::json)) return counted(std::nullopt, std::move(*refusal));
    return counted(std::nullopt,
                   aws::failure("UnknownOperationException",
                                "X-Amz-Target is missing or empty: an AWS JSON request names its operation there, "
                                "e.g. X-Amz-Target: SageMaker.ListTrainingJobs."));
  }
  const bool logs = target.substr(0, logs::LogsApi::kTargetPrefix.size()) == logs::LogsApi::kTargetPrefix;
  const auto operation = cloudwatch
                             ? monitoring::MonitoringApi::served_operation(target.substr(kCloudWatchTarget.size()))
                         : logs ? logs::LogsApi::served_operation(target)
                                : sagemaker::SageMakerApi::served_operation(target);
  if (auto refusal = refused(request, cloudwatch ? Protocol::cloudwatch_json : Protocol::json)) {
    return counted(operation, std::move(*refusal));
  }
  if (cloudwatch) {
    const auto called = target.substr(kCloudWatchTarget.size());
    return to_monitoring(called, [&] { return monitoring_.handle_json(request, called); });
  }
  clock_.before_request();
  auto response = logs ? logs_.handle(request) : sagemaker_.handle(request);
  clock_.after_request();
  return counted(operation, std::move(response));
}

// STS when the credential scope names it or the form carries its Version (an unsigned request
// has only its Version). STS touches no simulated state, so the clock is left alone.
server::HttpResponse Router::route_query(const server::HttpRequest& request) {
  const auto form = query::Form::parse(request.body);
  const auto credential = aws::credential_of(request.header("Authorization"));
  const auto version = form.value("Version").value_or("");
  const bool cloudwatch = (credential && credential->service == "monitoring") || version == monitoring::kApiVersion;
  const auto action = form.value("Action").value_or("");
  if (auto refusal = refused(request, cloudwatch ? Protocol::cloudwatch_query : Protocol::sts_query)) {
    return counted(
        cloudwatch ? monitoring::MonitoringApi::served_operation(action) : sts::StsApi::served_operation(form),
        std::move(*refusal));
  }
  if (cloudwatch) return to_monitoring(action, [&] { return monitoring_.handle_query(request, form); });
  if (!(credential && credential->service == "sts") && version != sts::kApiVersion) {
    const std::string scope = credential ? "credential scope service '" + credential->service + "', " : "";
    return query::failure({}, "InvalidAction",
                          "The service of this request (" + scope + "Version '" + std::string(version) +
                              "') is not served by amt-emulator; over the query protocol it serves STS (sts, "
                              "Version 2011-06-15) and CloudWatch (monitoring, Version 2010-08-01).");
  }
  return counted(sts::StsApi::served_operation(form), sts_.handle(request, form));
}

template <typename Call>
server::HttpResponse Router::to_monitoring(std::string_view operation, Call&& call) {
  clock_.before_request();
  auto response = call();
  clock_.after_request();
  return counted(monitoring::MonitoringApi::served_operation(operation), std::move(response));
}

// Only served operations become label values: a client cannot invent metric series. Answers
// the signature check refused count too, as S3's always have.
server::HttpResponse Router::counted(std::optional<std::string_view> operation, server::HttpResponse response) {
  metrics_.count_call(operation ? std::string(*operation) : "unknown", response.status);
  return response;
}

}  // namespace api
