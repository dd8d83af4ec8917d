#include "api/logs/logs_api.h"

#include <spdlog/spdlog.h>

#include <array>
#include <utility>

#include "api/aws/credential_scope.h"
#include "api/aws/envelope.h"
#include "api/json/json_body.h"
#include "api/logs/logs_operations.h"
#include "api/service_model/unknown_members.h"

namespace api::logs {
namespace {

constexpr std::array<std::pair<std::string_view, LogsHandler>, 10> kOperations{{
    {"CreateLogGroup", &create_log_group},
    {"DeleteLogGroup", &delete_log_group},
    {"PutRetentionPolicy", &put_retention_policy},
    {"DescribeLogGroups", &describe_log_groups},
    {"CreateLogStream", &create_log_stream},
    {"DeleteLogStream", &delete_log_stream},
    {"DescribeLogStreams", &describe_log_streams},
    {"PutLogEvents", &put_log_events},
    {"GetLogEvents", &get_log_events},
    {"FilterLogEvents", &filter_log_events},
}};

LogsHandler find_handler(std::string_view operation) {
  for (const auto& [name, handler] : kOperations) {
    if (name == operation) return handler;
  }
  return nullptr;
}

}  // namespace

LogsApi::LogsApi(emulator::CloudWatchLogsService& service, const service_model::ServiceModel& model,
                 std::string default_region, IssuedAccounts issued_accounts)
    : service_(service),
      model_(model),
      validator_(model),
      default_region_(std::move(default_region)),
      issued_accounts_(std::move(issued_accounts)) {}

std::optional<std::string_view> LogsApi::served_operation(std::string_view target) {
  if (target.substr(0, kTargetPrefix.size()) != kTargetPrefix) return std::nullopt;
  const auto operation = target.substr(kTargetPrefix.size());
  if (find_handler(operation) == nullptr) return std::nullopt;
  return operation;
}

server::HttpResponse LogsApi::handle(const server::HttpRequest& request) {
  const auto operation = request.header("X-Amz-Target").substr(kTargetPrefix.size());
  const LogsHandler handler = find_handler(operation);
  if (handler == nullptr) {
    return aws::failure("UnknownOperationException",
                        "Operation " + std::string(operation) + " of CloudWatch Logs is not served by amt-emulator.");
  }
  auto body = parse_json_object(request.body);
  if (!body) return aws::failure("SerializationException", body.error());
  Json input = std::move(*body);
  // CloudWatch Logs words a constraint violation as the Coral front end does, under its own code.
  if (auto valid = validator_.validate(operation, input); !valid) {
    const bool constraint = valid.error().code == service_model::kValidationException;
    return aws::failure(constraint ? "InvalidParameterException" : valid.error().code, valid.error().message);
  }
  if (const auto* modelled = model_.operation(operation); modelled != nullptr && modelled->input) {
    service_model::drop_unknown_members(*modelled->input->shape, input);
  }
  const auto scope = aws::scope_of(request.header("Authorization"), default_region_, issued_accounts_);
  LogsContext context{service_, scope};
  try {
    return handler(context, input);
  } catch (const Json::exception& e) {
    spdlog::warn("{}: unexpected request shape: {}", operation, e.what());
    return aws::failure("SerializationException", std::string("Unexpected request shape: ") + e.what());
  }
}

}  // namespace api::logs
