#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>

#include "capacity_model/capacity_type.h"
#include "capacity_model/snapshot_error.h"
#include "capacity_model/time.h"

// How the capacity model's snapshot documents spell what several of them hold (the *_state.cc
// files): times as integer milliseconds, markets by name, an optional as a member left out.
namespace capacity_model::snapshot {

// A member read as T. nlohmann's get<T>() casts a floating-point number to an integer type,
// which is undefined when the number is out of the type's range: an edited snapshot must not
// reach that, so an integer is read only from a JSON integer within T's range.
template <typename T>
T value_of(const nlohmann::json& value) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    if (!value.is_number_integer())
      throw SnapshotError(std::string("expected an integer, found a ") + value.type_name());
    const bool fits =
        value.is_number_unsigned() ? value.get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<T>::max())
        : std::is_signed_v<T>      ? value.get<std::int64_t>() >= std::int64_t(std::numeric_limits<T>::min()) &&
                                    value.get<std::int64_t>() <= std::int64_t(std::numeric_limits<T>::max())
                              : value.get<std::int64_t>() >= 0;
    if (!fits) throw SnapshotError("the integer " + value.dump() + " is out of range");
    return value.get<T>();
  } else {
    return value.get<T>();
  }
}

inline Millis millis_from(const nlohmann::json& value) { return Millis{value_of<Millis::rep>(value)}; }

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
  return value_of<T>(*it);
}

}  // namespace capacity_model::snapshot
