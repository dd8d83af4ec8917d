#include "emulator/model/value_state.h"

#include <cmath>
#include <limits>

#include "capacity_model/snapshot_json.h"

namespace emulator::model::snapshot {

using capacity_model::snapshot::value_of;

json number_to_json(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return value;
}

double number_from_json(const json& value) {
  if (!value.is_string()) return value.get<double>();
  const auto& text = value.get_ref<const std::string&>();
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity") return std::numeric_limits<double>::infinity();
  if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
  throw capacity_model::SnapshotError("'" + text + "' is not a number in the snapshot");
}

json tags_to_json(const std::vector<Tag>& tags) {
  auto out = json::array();
  for (const auto& tag : tags) out.push_back({{"key", tag.key}, {"value", tag.value}});
  return out;
}

std::vector<Tag> tags_from_json(const json& value) {
  std::vector<Tag> tags;
  for (const auto& tag : value) tags.push_back({tag.at("key").get<std::string>(), tag.at("value").get<std::string>()});
  return tags;
}

json metric_data_to_json(const MetricData& m) {
  return {{"metric_name", m.metric_name}, {"value", number_to_json(m.value)}, {"timestamp", time_to_json(m.timestamp)}};
}

MetricData metric_data_from_json(const json& in) {
  return {in.at("metric_name").get<std::string>(), number_from_json(in.at("value")),
          time_from_json(in.at("timestamp"))};
}

json instance_config_to_json(const InstanceConfig& c) {
  return {{"instance_type", c.instance_type},
          {"instance_count", c.instance_count},
          {"volume_size_in_gb", c.volume_size_in_gb}};
}

InstanceConfig instance_config_from_json(const json& in) {
  return {in.at("instance_type").get<std::string>(), value_of<int>(in.at("instance_count")),
          value_of<int>(in.at("volume_size_in_gb"))};
}

json metric_definitions_to_json(const std::vector<MetricDefinition>& definitions) {
  auto out = json::array();
  for (const auto& d : definitions) out.push_back({{"name", d.name}, {"regex", d.regex}});
  return out;
}

std::vector<MetricDefinition> metric_definitions_from_json(const json& value) {
  std::vector<MetricDefinition> definitions;
  for (const auto& d : value) {
    definitions.push_back({d.at("name").get<std::string>(), d.at("regex").get<std::string>()});
  }
  return definitions;
}

}  // namespace emulator::model::snapshot
