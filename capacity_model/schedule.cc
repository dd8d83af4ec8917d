#include "capacity_model/schedule.h"

#include <algorithm>
#include <utility>

namespace capacity_model {

CapacitySchedule::CapacitySchedule(std::vector<CapacityStep> steps) {
  steps_.reserve(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    CapacityStep& step = steps[i];
    if (!step.duration || step.phase != StepPhase::Set) {
      steps_.push_back(std::move(step));
      continue;
    }
    CapacityStep begin = step;
    begin.phase = StepPhase::Begin;
    begin.override_id = i + 1;
    CapacityStep end = std::move(step);
    end.phase = StepPhase::End;
    end.override_id = i + 1;
    end.at = begin.at + std::max(*begin.duration, Millis::zero());
    steps_.push_back(std::move(begin));
    steps_.push_back(std::move(end));
  }
  std::ranges::stable_sort(steps_, {}, &CapacityStep::at);
}

std::optional<Millis> CapacitySchedule::next_change_after(Millis t) const {
  const auto it = std::ranges::upper_bound(steps_, t, {}, &CapacityStep::at);
  if (it == steps_.end()) return std::nullopt;
  return it->at;
}

std::vector<CapacityStep> CapacitySchedule::changes_at(Millis t) const {
  // Two bounds rather than ranges::equal_range: clang 14 cannot use libstdc++ 12's subrange.
  const auto first = std::ranges::lower_bound(steps_, t, {}, &CapacityStep::at);
  const auto last = std::ranges::upper_bound(first, steps_.end(), t, {}, &CapacityStep::at);
  return {first, last};
}

std::optional<Millis> CapacitySchedule::first_change() const {
  if (steps_.empty()) return std::nullopt;
  return steps_.front().at;
}

}  // namespace capacity_model
