#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/server/http_types.h"
#include "api/service_model/request_validator.h"
#include "api/service_model/service_model.h"
#include "emulator/logs_service.h"

namespace api::logs {

// CloudWatch Logs (wire-protocols.md §3): the operations the SageMaker Python SDK, `aws logs`
// and log shippers call, over the log groups clients make and the training jobs' output.
class LogsApi {
 public:
  using IssuedAccounts = std::function<std::optional<std::string>(std::string_view access_key)>;

  LogsApi(emulator::CloudWatchLogsService& service, const service_model::ServiceModel& model,
          std::string default_region, IssuedAccounts issued_accounts);

  server::HttpResponse handle(const server::HttpRequest& request);
  // The operation an X-Amz-Target names when this API serves it (for /metrics labels).
  static std::optional<std::string_view> served_operation(std::string_view target);

  static constexpr std::string_view kTargetPrefix = "Logs_20140328.";

 private:
  emulator::CloudWatchLogsService& service_;
  const service_model::ServiceModel& model_;
  service_model::RequestValidator validator_;
  std::string default_region_;
  IssuedAccounts issued_accounts_;
};

}  // namespace api::logs
