#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emulator/sim/clock.h"

namespace emulator::timeline {

// One decision, as GET /_emulator/events reports it. Fields that do not apply stay empty.
struct TimelineEvent {
  std::uint64_t sequence = 0;  // assigned by append, 1-based
  sim::SimTime time{0};
  // "launched", "asked", "granted", "ice", "fell-back", "waiting", "released",
  // "capacity-error", "training-status", "tuning-status", "capacity-changed", ...
  std::string type;
  std::string region, tuning_job, training_job, instance_type, zone;
  int instance_count = 0;
  std::string message;
};

// Every set field must match; names compare exactly (case-sensitive), times inclusively.
struct TimelineFilter {
  std::optional<std::string> tuning_job, training_job, type;
  std::optional<sim::SimTime> since, until;
};

// Append-only log of why things ran where they ran. With the same seed and requests it
// is identical byte for byte, so tests can diff it against golden files.
class Timeline {
 public:
  // Stamps the next sequence number. The reference is valid until the next append or clear.
  const TimelineEvent& append(TimelineEvent event);
  // Matching events in append order.
  std::vector<TimelineEvent> select(const TimelineFilter& filter) const;
  const std::vector<TimelineEvent>& all() const { return events_; }
  // Empties the log; sequence numbers start again at 1, as in a fresh run.
  void clear() { events_.clear(); }
  std::size_t size() const { return events_.size(); }

 private:
  std::vector<TimelineEvent> events_;
};

}  // namespace emulator::timeline
