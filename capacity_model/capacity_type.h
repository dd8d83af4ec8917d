#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace capacity_model {

// Which market a pool sells: every (zone, instance type) has one pool of each.
enum class CapacityType { OnDemand, Spot };

inline constexpr std::array<CapacityType, 2> kCapacityTypes = {CapacityType::OnDemand,
                                                               CapacityType::Spot};

// "on-demand" / "spot", as scenario files, CSV history and the control plane spell them.
constexpr std::string_view to_string(CapacityType type) {
  return type == CapacityType::Spot ? "spot" : "on-demand";
}

constexpr std::optional<CapacityType> capacity_type_from(std::string_view text) {
  if (text == "on-demand") return CapacityType::OnDemand;
  if (text == "spot") return CapacityType::Spot;
  return std::nullopt;
}

}  // namespace capacity_model
