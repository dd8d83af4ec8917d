#include "capacity_model/unavailable_offerings.h"

#include <map>

namespace capacity_model {

std::string UnavailableOfferings::key(std::string_view instance_type, std::string_view zone,
                                      CapacityType capacity_type) {
  // Type and zone names never hold a '|'.
  std::string out;
  out.reserve(instance_type.size() + zone.size() + 12);
  out.append(instance_type).append("|").append(zone).append("|").append(to_string(capacity_type));
  return out;
}

void UnavailableOfferings::mark(std::string_view instance_type, std::string_view zone,
                                CapacityType capacity_type, Millis now) {
  if (ttl_ <= Millis::zero()) return;
  std::erase_if(until_, [&](const auto& entry) { return entry.second <= now; });
  until_[key(instance_type, zone, capacity_type)] = now + ttl_;
}

bool UnavailableOfferings::is_unavailable(std::string_view instance_type, std::string_view zone,
                                          CapacityType capacity_type, Millis now) const {
  return available_at(instance_type, zone, capacity_type, now).has_value();
}

std::optional<Millis> UnavailableOfferings::available_at(std::string_view instance_type,
                                                         std::string_view zone,
                                                         CapacityType capacity_type,
                                                         Millis now) const {
  if (until_.empty()) return std::nullopt;
  const auto it = until_.find(key(instance_type, zone, capacity_type));
  if (it == until_.end() || it->second <= now) return std::nullopt;
  return it->second;
}

std::optional<Millis> UnavailableOfferings::next_change_after(Millis t) const {
  std::optional<Millis> next;
  for (const auto& [_, until] : until_) {
    if (until > t && (!next || until < *next)) next = until;
  }
  return next;
}

}  // namespace capacity_model
