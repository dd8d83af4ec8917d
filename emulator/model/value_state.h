#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "capacity_model/snapshot_error.h"
#include "capacity_model/snapshot_json.h"
#include "emulator/model/training_job.h"
#include "emulator/model/tuning_request.h"
#include "emulator/model/wire_enums.h"
#include "emulator/sim/clock.h"

// How the model's values are written in a snapshot (docs/persistence.md, "Snapshots"): times
// as integer milliseconds, enums by their wire spelling, an absent optional as a missing member.
namespace emulator::model::snapshot {

using capacity_model::snapshot::value_of;

using nlohmann::json;

inline json time_to_json(sim::SimTime time) { return time.count(); }
inline sim::SimTime time_from_json(const json& value) { return sim::SimTime(value_of<std::int64_t>(value)); }

// JSON has no NaN or infinity: those are written as the strings "NaN", "Infinity", "-Infinity".
json number_to_json(double value);
double number_from_json(const json& value);

template <typename E>
json enum_to_json(E value) {
  return std::string(to_string(value));
}

// Throws SnapshotError for a spelling the model does not have.
template <typename E>
E enum_from_json(const json& value) {
  const auto& text = value.get_ref<const std::string&>();
  auto parsed = parse<E>(text);
  if (!parsed) throw capacity_model::SnapshotError("unknown enum value '" + text + "' in the snapshot");
  return *parsed;
}

// An optional member: written only when it has a value.
template <typename T, typename Encode>
void put_optional(json& out, const char* key, const std::optional<T>& value, Encode encode) {
  if (value) out[key] = encode(*value);
}
template <typename T>
void put_optional(json& out, const char* key, const std::optional<T>& value) {
  put_optional(out, key, value, [](const T& v) { return json(v); });
}

template <typename Decode>
auto get_optional(const json& in, const char* key, Decode decode) -> std::optional<decltype(decode(in))> {
  auto it = in.find(key);
  if (it == in.end()) return std::nullopt;
  return decode(*it);
}
template <typename T>
std::optional<T> get_optional(const json& in, const char* key) {
  return get_optional(in, key, [](const json& v) { return value_of<T>(v); });
}

// A vector as an array, each item written by `encode`; and back, each read by `decode`.
template <typename Item, typename Encode>
json array_of(const std::vector<Item>& items, Encode encode) {
  auto out = json::array();
  for (const auto& item : items) out.push_back(encode(item));
  return out;
}
template <typename Decode>
auto vector_of(const json& in, Decode decode) {
  if (!in.is_array()) throw capacity_model::SnapshotError("an array was expected in the snapshot, not " + in.dump());
  std::vector<decltype(decode(in))> out;
  for (const auto& item : in) out.push_back(decode(item));
  return out;
}

json tags_to_json(const std::vector<Tag>& tags);
std::vector<Tag> tags_from_json(const json& value);

json metric_data_to_json(const MetricData& metric);
MetricData metric_data_from_json(const json& value);

json instance_config_to_json(const InstanceConfig& config);
InstanceConfig instance_config_from_json(const json& value);

json metric_definitions_to_json(const std::vector<MetricDefinition>& definitions);
std::vector<MetricDefinition> metric_definitions_from_json(const json& value);

}  // namespace emulator::model::snapshot
