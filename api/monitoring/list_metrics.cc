#include <string>

#include "api/monitoring/operations.h"
#include "api/monitoring/request_values.h"
#include "emulator/cloudwatch/metric_listing.h"

namespace api::monitoring {
namespace {

constexpr std::int64_t kRecentlyActiveMs = 3 * 3600 * 1000;  // PT3H, the only RecentlyActive value

emulator::cloudwatch::ListMetricsQuery query_of(const CallContext& call, const nlohmann::json& input) {
  emulator::cloudwatch::ListMetricsQuery query;
  if (input.contains("Namespace")) query.namespace_name = input["Namespace"].get<std::string>();
  if (input.contains("MetricName")) query.metric_name = input["MetricName"].get<std::string>();
  for (const auto& filter : input.value("Dimensions", nlohmann::json::array())) {
    std::optional<std::string> value;
    if (filter.contains("Value")) value = filter["Value"].get<std::string>();
    query.dimensions.push_back({filter["Name"].get<std::string>(), std::move(value)});
  }
  if (input.contains("RecentlyActive")) query.active_since_ms = call.now_ms - kRecentlyActiveMs;
  if (input.contains("NextToken")) query.next_token = input["NextToken"].get<std::string>();
  return query;
}

}  // namespace

Answer list_metrics(const CallContext& call, const nlohmann::json& input) {
  const auto page = emulator::cloudwatch::list_metrics(call.store, call.scope, query_of(call, input));
  if (!page) return invalid_next_token();
  auto metrics = nlohmann::json::array();
  for (const auto& key : page->metrics) {
    metrics.push_back({{"Namespace", key.namespace_name},
                       {"MetricName", key.metric_name},
                       {"Dimensions", dimensions_json(key.dimensions)}});
  }
  nlohmann::json out = {{"Metrics", std::move(metrics)}};
  // A monitoring account would name each metric's source account; here every metric is the caller's.
  if (input.value("IncludeLinkedAccounts", false)) {
    out["OwningAccounts"] = nlohmann::json::array();
    for (std::size_t i = 0; i < page->metrics.size(); ++i) out["OwningAccounts"].push_back(call.scope.account);
  }
  if (page->next_token) out["NextToken"] = *page->next_token;
  return out;
}

}  // namespace api::monitoring
