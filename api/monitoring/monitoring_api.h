#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/aws/credential_scope.h"
#include "api/monitoring/operations.h"
#include "api/query/form.h"
#include "api/server/http_types.h"
#include "emulator/cloudwatch/metric_store.h"

namespace api::monitoring {

// The path prefix of Smithy RPC v2 CBOR calls: /service/<targetPrefix>/operation/<Op>.
inline constexpr std::string_view kCborPathPrefix = "/service/GraniteServiceVersion20100801/operation/";

// CloudWatch metrics (wire-protocols.md §4) in the three framings a client may send: AWS JSON
// 1.0 (query-compatible errors), the query protocol (XML answers) and Smithy RPC v2 CBOR.
// Each request is decoded to the AWS JSON form, checked against the model and handed to one
// set of operations; the answer is encoded back in the request's own framing.
class MonitoringApi {
 public:
  // Wall milliseconds that stand for the emulator's now (virtual time on the world's epoch).
  using Now = std::function<std::int64_t()>;
  MonitoringApi(emulator::cloudwatch::MetricStore& store, std::string default_region, aws::IssuedAccounts issued,
                Now now_ms)
      : store_(store),
        default_region_(std::move(default_region)),
        issued_(std::move(issued)),
        now_ms_(std::move(now_ms)) {}

  // X-Amz-Target: GraniteServiceVersion20100801.<operation>
  server::HttpResponse handle_json(const server::HttpRequest& request, std::string_view operation);
  // POST kCborPathPrefix<operation> with smithy-protocol: rpc-v2-cbor
  server::HttpResponse handle_cbor(const server::HttpRequest& request, std::string_view operation);
  // A form whose credential scope is `monitoring` or whose Version is 2010-08-01.
  server::HttpResponse handle_query(const server::HttpRequest& request, const query::Form& form);

  // The operation when it is served, for /metrics labels.
  static std::optional<std::string_view> served_operation(std::string_view operation);

 private:
  Answer call(const server::HttpRequest& request, std::string_view operation, const nlohmann::json& input);

  emulator::cloudwatch::MetricStore& store_;
  std::string default_region_;
  aws::IssuedAccounts issued_;
  Now now_ms_;
};

}  // namespace api::monitoring
