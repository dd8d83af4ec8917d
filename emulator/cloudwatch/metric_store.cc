#include "emulator/cloudwatch/metric_store.h"

#include <algorithm>
#include <limits>

namespace emulator::cloudwatch {

MetricKey make_key(std::string namespace_name, std::string metric_name, std::vector<Dimension> dimensions) {
  std::sort(dimensions.begin(), dimensions.end());
  return MetricKey{std::move(namespace_name), std::move(metric_name), std::move(dimensions)};
}

Sample single_value(std::int64_t time_ms, double value, std::string unit) {
  return Sample{time_ms, 1, value, value, value, {{value, 1}}, true, std::move(unit)};
}

void MetricStore::put(const model::Scope& scope, const MetricKey& key, Sample sample) {
  scopes_[scope][key].emplace(sample.time_ms, std::move(sample));
}

std::vector<MetricKey> MetricStore::metrics(const model::Scope& scope) const {
  std::vector<MetricKey> keys;
  if (const auto it = scopes_.find(scope); it != scopes_.end()) {
    for (const auto& [key, series] : it->second) keys.push_back(key);
  }
  if (feed_ != nullptr) {
    for (auto& key : feed_->series(scope)) keys.push_back(std::move(key));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::vector<Sample> MetricStore::samples(const model::Scope& scope, const MetricKey& key, std::int64_t from_ms,
                                         std::int64_t to_ms) const {
  std::vector<Sample> out;
  if (const auto it = scopes_.find(scope); it != scopes_.end()) {
    if (const auto series = it->second.find(key); series != it->second.end()) {
      for (auto at = series->second.lower_bound(from_ms); at != series->second.end() && at->first < to_ms; ++at) {
        out.push_back(at->second);
      }
    }
  }
  if (feed_ != nullptr) {
    for (const auto& point : feed_->points(scope, key, from_ms, to_ms)) {
      if (point.time_ms >= from_ms && point.time_ms < to_ms) out.push_back(single_value(point.time_ms, point.value));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Sample& a, const Sample& b) { return a.time_ms < b.time_ms; });
  return out;
}

bool MetricStore::active_since(const model::Scope& scope, const MetricKey& key, std::int64_t since_ms) const {
  return !samples(scope, key, since_ms, std::numeric_limits<std::int64_t>::max()).empty();
}

}  // namespace emulator::cloudwatch
