#include <cmath>
#include <string>
#include <vector>

#include "api/monitoring/operations.h"
#include "api/monitoring/request_values.h"

namespace api::monitoring {
namespace {

using emulator::cloudwatch::MetricKey;
using emulator::cloudwatch::Sample;

constexpr std::size_t kMaxMetricData = 1000;
constexpr std::size_t kMaxValues = 150;

// CloudWatch takes values of magnitude 2^-360 to 2^360, or 0: no NaN or infinity (which JSON
// cannot carry but CBOR and a hand-made form can), and no sum that overflows.
const double kLargest = std::ldexp(1.0, 360);
const double kSmallest = std::ldexp(1.0, -360);

std::string shown(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return nlohmann::json(value).dump();
}

std::optional<Failure> check_finite(const nlohmann::json& value, const std::string& path) {
  const double v = value.get<double>();
  const double magnitude = std::fabs(v);
  if (v == 0 || (magnitude >= kSmallest && magnitude <= kLargest)) return std::nullopt;
  return invalid_value("The value " + shown(v) + " for parameter " + path + " is invalid.");
}

std::optional<Failure> check_values(const nlohmann::json& datum, const std::string& path) {
  const auto values = datum.value("Values", nlohmann::json::array());
  const auto counts = datum.value("Counts", nlohmann::json::array());
  if (values.size() > kMaxValues) {
    return invalid_value("The collection " + path + ".Values must not have a size greater than " +
                         std::to_string(kMaxValues) + ".");
  }
  if (!counts.empty() && counts.size() != values.size()) {
    return invalid_value("The parameters " + path + ".Values and " + path + ".Counts must be of the same size.");
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (auto f = check_finite(values[i], path + ".Values.member." + std::to_string(i + 1))) return f;
  }
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (auto f = check_finite(counts[i], path + ".Counts.member." + std::to_string(i + 1))) return f;
  }
  return std::nullopt;
}

std::optional<Failure> check_datum(const nlohmann::json& datum, const std::string& path) {
  const bool value = datum.contains("Value"), set = datum.contains("StatisticValues"),
             values = datum.contains("Values");
  if (value && set) {
    return invalid_combination("The parameters " + path + ".Value and " + path +
                               ".StatisticValues are mutually exclusive and you have specified both.");
  }
  if (values && (value || set)) {
    return invalid_combination("The parameters " + path + ".Values and " + path +
                               (value ? ".Value" : ".StatisticValues") +
                               " are mutually exclusive and you have specified both.");
  }
  if (!value && !set && !values) {
    return invalid_combination("At least one of the parameters " + path + ".Value and " + path +
                               ".StatisticValues must be specified.");
  }
  if (datum.contains("StorageResolution")) {
    const auto resolution = datum["StorageResolution"].get<std::int64_t>();
    if (resolution != 1 && resolution != 60) {
      return invalid_value("The parameter " + path + ".StorageResolution must be either 1 or 60.");
    }
  }
  if (value) return check_finite(datum["Value"], path + ".Value");
  if (set) {
    for (const char* field : {"SampleCount", "Sum", "Minimum", "Maximum"}) {
      if (auto f = check_finite(datum["StatisticValues"][field], path + ".StatisticValues." + field)) return f;
    }
    return std::nullopt;
  }
  return check_values(datum, path);
}

Sample sample_of(const nlohmann::json& datum, std::int64_t now_ms) {
  Sample sample;
  sample.time_ms = datum.contains("Timestamp") ? ms_of(datum["Timestamp"]) : now_ms;
  sample.unit = datum.value("Unit", "None");
  if (datum.contains("Value")) {
    const double v = datum["Value"].get<double>();
    return emulator::cloudwatch::single_value(sample.time_ms, v, sample.unit);
  }
  if (datum.contains("StatisticValues")) {
    const auto& set = datum["StatisticValues"];
    sample.sample_count = set["SampleCount"].get<double>();
    sample.sum = set["Sum"].get<double>();
    sample.minimum = set["Minimum"].get<double>();
    sample.maximum = set["Maximum"].get<double>();
    // The values behind a set are known only if it holds one value, or one value repeated.
    sample.values_known = sample.sample_count == 1 || sample.minimum == sample.maximum;
    if (sample.values_known) sample.weighted_values = {{sample.minimum, sample.sample_count}};
    return sample;
  }
  const auto& values = datum["Values"];
  const auto counts = datum.value("Counts", nlohmann::json::array());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double v = values[i].get<double>();
    const double count = counts.empty() ? 1.0 : counts[i].get<double>();
    sample.minimum = i == 0 ? v : std::min(sample.minimum, v);
    sample.maximum = i == 0 ? v : std::max(sample.maximum, v);
    sample.sample_count += count;
    sample.sum += v * count;
    sample.weighted_values.emplace_back(v, count);
  }
  return sample;
}

// The data of a call with the query path of each: MetricData's, then each entity's.
std::vector<std::pair<std::string, const nlohmann::json*>> data_of(const nlohmann::json& input) {
  std::vector<std::pair<std::string, const nlohmann::json*>> out;
  const auto add = [&](const nlohmann::json& list, const std::string& prefix) {
    for (std::size_t i = 0; i < list.size(); ++i)
      out.emplace_back(prefix + ".member." + std::to_string(i + 1), &list[i]);
  };
  if (input.contains("MetricData")) add(input["MetricData"], "MetricData");
  if (input.contains("EntityMetricData")) {
    const auto& entities = input["EntityMetricData"];
    for (std::size_t i = 0; i < entities.size(); ++i) {
      if (entities[i].contains("MetricData")) {
        add(entities[i]["MetricData"], "EntityMetricData.member." + std::to_string(i + 1) + ".MetricData");
      }
    }
  }
  return out;
}

}  // namespace

Answer put_metric_data(const CallContext& call, const nlohmann::json& input) {
  const auto name_space = input["Namespace"].get<std::string>();
  // Namespaces beginning with AWS/ are the services' own.
  if (name_space.rfind("AWS/", 0) == 0) {
    return invalid_value("The value " + name_space + " for parameter Namespace is invalid.");
  }
  const auto data = data_of(input);
  if (data.empty()) return missing_parameter("The parameter MetricData is required.");
  if (data.size() > kMaxMetricData) {
    return invalid_value("The collection MetricData must not have a size greater than " +
                         std::to_string(kMaxMetricData) + ".");
  }
  for (const auto& [path, datum] : data) {
    if (auto failure = check_datum(*datum, path)) return *failure;
  }
  // Every datum was checked before any is kept: a refused call stores nothing.
  for (const auto& [path, datum] : data) {
    auto holder = *datum;
    holder["Namespace"] = name_space;
    call.store.put(call.scope, metric_of(holder), sample_of(*datum, call.now_ms));
  }
  return nlohmann::json::object();
}

}  // namespace api::monitoring
