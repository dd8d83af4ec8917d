#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emulator/cloudwatch/metric_store.h"

namespace emulator::cloudwatch {

// A ListMetrics dimension filter: a metric matches if it has a dimension of that name (and,
// when given, that value); it may have other dimensions too.
struct DimensionFilter {
  std::string name;
  std::optional<std::string> value;
};

struct ListMetricsQuery {
  std::optional<std::string> namespace_name;
  std::optional<std::string> metric_name;
  std::vector<DimensionFilter> dimensions;
  std::optional<std::int64_t> active_since_ms;  // RecentlyActive: a sample at or after this
  std::optional<std::string> next_token;
};

struct MetricsPage {
  std::vector<MetricKey> metrics;
  std::optional<std::string> next_token;  // absent once everything is listed
};

inline constexpr std::size_t kListMetricsPageSize = 500;  // CloudWatch's page

// One page of the metrics matching `query`, in MetricKey order. A token names the last metric
// of the previous page, so metrics put between two calls neither repeat nor shift the pages.
// nullopt when the token is not one this function gave out.
std::optional<MetricsPage> list_metrics(const MetricStore& store, const model::Scope& scope,
                                        const ListMetricsQuery& query, std::size_t page_size = kListMetricsPageSize);

}  // namespace emulator::cloudwatch
