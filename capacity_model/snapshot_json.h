#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "capacity_model/capacity_type.h"
#include "capacity_model/snapshot_error.h"
#include "capacity_model/time.h"

// How the capacity model's snapshot documents spell what several of them hold (the *_state.cc
// files): times as integer milliseconds, markets by name, an optional as a member left out.
namespace capacity_model::snapshot {

inline Millis millis_from(const nlohmann::json& value) { return Millis{value.get<Millis::rep>()}; }

inline CapacityType capacity_type_from_json(const nlohmann::json& value) {
  const auto text = value.get<std::string>();
  if (const auto type = capacity_type_from(text)) return *type;
  throw SnapshotError("unknown capacity type '" + text + "'");
}

// The member `key` of `object`, which must be a list.
inline const nlohmann::json::array_t& list_at(const nlohmann::json& object, const char* key) {
  return object.at(key).get_ref<const nlohmann::json::array_t&>();
}

// The member `key` of `object` read as T, or nullopt when it is left out.
template <typename T>
std::optional<T> optional_member(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  return it->template get<T>();
}

}  // namespace capacity_model::snapshot
