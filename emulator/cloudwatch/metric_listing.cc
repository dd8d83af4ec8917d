#include "emulator/cloudwatch/metric_listing.h"

#include <algorithm>

namespace emulator::cloudwatch {
namespace {

constexpr char kSeparator = '\0';
constexpr char kHex[] = "0123456789abcdef";

// The key's fields joined by NUL (no field can hold one: the API's strings are text).
std::string flatten(const MetricKey& key) {
  std::string out = key.namespace_name + kSeparator + key.metric_name;
  for (const auto& d : key.dimensions) out += kSeparator + d.name + kSeparator + d.value;
  return out;
}

std::string token_of(const MetricKey& key) {
  std::string token;
  for (unsigned char c : flatten(key)) {
    token += kHex[c >> 4];
    token += kHex[c & 15];
  }
  return token;
}

std::optional<std::string> flat_of_token(const std::string& token) {
  if (token.empty() || token.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < token.size(); i += 2) {
    const auto hi = std::string_view(kHex).find(token[i]);
    const auto lo = std::string_view(kHex).find(token[i + 1]);
    if (hi == std::string_view::npos || lo == std::string_view::npos) return std::nullopt;
    out += char(hi * 16 + lo);
  }
  return out;
}

bool matches(const MetricKey& key, const ListMetricsQuery& query) {
  if (query.namespace_name && key.namespace_name != *query.namespace_name) return false;
  if (query.metric_name && key.metric_name != *query.metric_name) return false;
  return std::all_of(query.dimensions.begin(), query.dimensions.end(), [&](const DimensionFilter& filter) {
    return std::any_of(key.dimensions.begin(), key.dimensions.end(), [&](const Dimension& d) {
      return d.name == filter.name && (!filter.value || d.value == *filter.value);
    });
  });
}

}  // namespace

std::optional<MetricsPage> list_metrics(const MetricStore& store, const model::Scope& scope,
                                        const ListMetricsQuery& query, std::size_t page_size) {
  auto metrics = store.metrics(scope);
  auto from = metrics.begin();
  if (query.next_token) {
    const auto after = flat_of_token(*query.next_token);
    if (!after) return std::nullopt;
    from = std::find_if(metrics.begin(), metrics.end(), [&](const MetricKey& k) { return flatten(k) > *after; });
  }
  MetricsPage page;
  for (auto it = from; it != metrics.end(); ++it) {
    if (!matches(*it, query)) continue;
    if (query.active_since_ms && !store.active_since(scope, *it, *query.active_since_ms)) continue;
    if (page.metrics.size() == page_size) {
      page.next_token = token_of(page.metrics.back());
      break;
    }
    page.metrics.push_back(*it);
  }
  return page;
}

}  // namespace emulator::cloudwatch
