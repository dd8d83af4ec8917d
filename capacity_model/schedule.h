#pragma once

#include <optional>
#include <vector>

#include "capacity_model/scenario.h"
#include "capacity_model/time.h"

namespace capacity_model {

// The scenario's timed capacity steps. It only reports when they happen: the emulator
// turns each reported time into an event and applies changes_at(t) to its pools, so the
// model never schedules itself.
class CapacitySchedule {
 public:
  explicit CapacitySchedule(std::vector<CapacityStep> steps);

  // First step time strictly after t.
  std::optional<Millis> next_change_after(Millis t) const;
  // Steps exactly at t, in file order.
  std::vector<CapacityStep> changes_at(Millis t) const;
  // Earliest step time, including 0.
  std::optional<Millis> first_change() const;

 private:
  std::vector<CapacityStep> steps_;  // by time; file order kept among equal times
};

}  // namespace capacity_model
