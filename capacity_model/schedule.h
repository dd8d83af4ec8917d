#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "capacity_model/scenario.h"
#include "capacity_model/time.h"

namespace capacity_model {

// The scenario's timed capacity steps. It only reports when they happen: the emulator
// turns each reported time into an event and applies changes_at(t) to its pools
// (RegionalPool::apply), so the model never schedules itself.
//
// A step with a duration becomes two: a Begin at `at` and an End at `at + duration`, with
// the same override_id (1 + the step's index in the list given). Steps without a duration
// are Set steps and stay as given.
class CapacitySchedule {
 public:
  explicit CapacitySchedule(std::vector<CapacityStep> steps);

  // First step time strictly after t.
  std::optional<Millis> next_change_after(Millis t) const;
  // Steps exactly at t, in file order; a timed step's End comes where the step stood in
  // the file, and a timed step of zero duration begins and ends at the same instant.
  std::vector<CapacityStep> changes_at(Millis t) const;
  // Earliest step time, including 0.
  std::optional<Millis> first_change() const;
  // Every step, Begin and End included, by time.
  const std::vector<CapacityStep>& steps() const { return steps_; }

 private:
  std::vector<CapacityStep> steps_;  // by time; file order kept among equal times
};

// Override ids the schedule never hands out, for timed steps made at run time.
inline constexpr std::uint64_t kFirstRuntimeOverrideId = std::uint64_t{1} << 32;

}  // namespace capacity_model
