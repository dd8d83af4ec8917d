#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

// Reading members of request bodies that the service-model validator has already checked
// for type, so a present member has the modelled JSON type.
namespace api::sagemaker::codec {

using Json = nlohmann::json;

inline const Json* member(const Json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

inline std::optional<std::string> optional_string(const Json& object, std::string_view name) {
  const Json* value = member(object, name);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

inline std::string string_or(const Json& object, std::string_view name, std::string fallback = {}) {
  return optional_string(object, name).value_or(std::move(fallback));
}

inline std::optional<int> optional_int(const Json& object, std::string_view name) {
  const Json* value = member(object, name);
  if (value == nullptr || !value->is_number_integer()) return std::nullopt;
  return static_cast<int>(std::clamp<std::int64_t>(value->get<std::int64_t>(), INT32_MIN, INT32_MAX));
}

inline std::optional<std::int64_t> optional_long(const Json& object, std::string_view name) {
  const Json* value = member(object, name);
  if (value == nullptr || !value->is_number_integer()) return std::nullopt;
  return value->get<std::int64_t>();
}

inline std::optional<double> optional_double(const Json& object, std::string_view name) {
  const Json* value = member(object, name);
  if (value == nullptr || !value->is_number()) return std::nullopt;
  return value->get<double>();
}

// Timestamps arrive as epoch seconds (botocore whole, SDK-JS with a fraction) or, from
// hand-written clients, as ISO-8601 text (§1.1).
std::optional<double> optional_timestamp(const Json& object, std::string_view name);

// Output timestamps: epoch seconds with at most millisecond precision (§1.4).
inline double epoch_seconds(std::int64_t epoch_ms) { return double(epoch_ms) / 1000.0; }

// Appends the members of a JSON object text (RawJson) to a serialised object.
std::string splice_members(std::string object_text, std::string_view raw_object);

}  // namespace api::sagemaker::codec
