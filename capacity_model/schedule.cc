#include "capacity_model/schedule.h"

#include <algorithm>
#include <utility>

namespace capacity_model {

CapacitySchedule::CapacitySchedule(std::vector<CapacityStep> steps) : steps_(std::move(steps)) {
  std::ranges::stable_sort(steps_, {}, &CapacityStep::at);
}

std::optional<Millis> CapacitySchedule::next_change_after(Millis t) const {
  const auto it = std::ranges::upper_bound(steps_, t, {}, &CapacityStep::at);
  if (it == steps_.end()) return std::nullopt;
  return it->at;
}

std::vector<CapacityStep> CapacitySchedule::changes_at(Millis t) const {
  const auto same_time = std::ranges::equal_range(steps_, t, {}, &CapacityStep::at);
  return {same_time.begin(), same_time.end()};
}

std::optional<Millis> CapacitySchedule::first_change() const {
  if (steps_.empty()) return std::nullopt;
  return steps_.front().at;
}

}  // namespace capacity_model
