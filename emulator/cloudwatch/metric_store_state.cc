// MetricStore::save() and load() (docs/persistence.md, "Snapshots"). PutMetricData refuses
// NaN and infinities, so every double here is finite and a JSON number.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "capacity_model/snapshot_error.h"
#include "capacity_model/snapshot_json.h"
#include "emulator/cloudwatch/metric_store.h"

namespace emulator::cloudwatch {

using capacity_model::snapshot::value_of;
namespace {

using capacity_model::SnapshotError;
using nlohmann::json;

json save_sample(const Sample& sample) {
  json values = json::array();
  for (const auto& [value, count] : sample.weighted_values) values.push_back({value, count});
  return {{"time", sample.time_ms},
          {"sample_count", sample.sample_count},
          {"sum", sample.sum},
          {"minimum", sample.minimum},
          {"maximum", sample.maximum},
          {"weighted_values", std::move(values)},
          {"values_known", sample.values_known},
          {"unit", sample.unit}};
}

Sample load_sample(const json& document) {
  Sample sample{value_of<std::int64_t>(document.at("time")),
                document.at("sample_count").get<double>(),
                document.at("sum").get<double>(),
                document.at("minimum").get<double>(),
                document.at("maximum").get<double>(),
                {},
                document.at("values_known").get<bool>(),
                document.at("unit").get<std::string>()};
  for (const auto& pair : document.at("weighted_values")) {
    if (pair.size() != 2) throw SnapshotError("a metric sample's weighted value needs [value, count]");
    sample.weighted_values.emplace_back(pair.at(0).get<double>(), pair.at(1).get<double>());
  }
  return sample;
}

json save_key(const MetricKey& key) {
  json dimensions = json::array();
  for (const auto& d : key.dimensions) dimensions.push_back({{"name", d.name}, {"value", d.value}});
  return {{"namespace", key.namespace_name}, {"name", key.metric_name}, {"dimensions", std::move(dimensions)}};
}

MetricKey load_key(const json& document) {
  MetricKey key{document.at("namespace").get<std::string>(), document.at("name").get<std::string>(), {}};
  for (const auto& d : document.at("dimensions")) {
    key.dimensions.push_back({d.at("name").get<std::string>(), d.at("value").get<std::string>()});
  }
  if (!std::is_sorted(key.dimensions.begin(), key.dimensions.end())) {
    throw SnapshotError("the dimensions of metric " + key.namespace_name + "/" + key.metric_name + " are not sorted");
  }
  return key;
}

}  // namespace

json MetricStore::save() const {
  json scopes = json::array();
  for (const auto& [scope, metrics] : scopes_) {
    json saved = json::array();
    for (const auto& [key, series] : metrics) {
      json samples = json::array();
      for (const auto& [time, sample] : series) samples.push_back(save_sample(sample));
      json metric = save_key(key);
      metric["samples"] = std::move(samples);
      saved.push_back(std::move(metric));
    }
    scopes.push_back({{"account", scope.account}, {"region", scope.region}, {"metrics", std::move(saved)}});
  }
  return {{"scopes", std::move(scopes)}};
}

// Samples are put back in the order saved: a series keeps samples of one time in the order
// they came, and save() wrote them in that order.
void MetricStore::load(const json& state) {
  decltype(scopes_) restored;
  for (const auto& item : state.at("scopes")) {
    model::Scope scope{item.at("account").get<std::string>(), item.at("region").get<std::string>()};
    auto [metrics, added] = restored.try_emplace(scope);
    if (!added) throw SnapshotError("the metrics of " + scope.account + " in " + scope.region + " appear twice");
    for (const auto& metric : item.at("metrics")) {
      const MetricKey key = load_key(metric);
      auto [series, new_key] = metrics->second.try_emplace(key);
      if (!new_key) throw SnapshotError("metric " + key.namespace_name + "/" + key.metric_name + " appears twice");
      for (const auto& sample : metric.at("samples")) {
        Sample loaded = load_sample(sample);
        if (!series->second.empty() && loaded.time_ms < series->second.rbegin()->first) {
          throw SnapshotError("the samples of metric " + key.namespace_name + "/" + key.metric_name +
                              " are not in time order");
        }
        series->second.emplace_hint(series->second.end(), loaded.time_ms, std::move(loaded));
      }
      if (series->second.empty())
        throw SnapshotError("metric " + key.namespace_name + "/" + key.metric_name + " has no sample");
    }
  }
  scopes_ = std::move(restored);
}

}  // namespace emulator::cloudwatch
