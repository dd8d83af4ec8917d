#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace emulator::sim {

// Virtual time: integer milliseconds since t0. Integer, so that ordering and equality are
// exact and a run replays byte for byte; the same type capacity_model calls Millis.
using SimTime = std::chrono::milliseconds;

enum class ClockMode {
  Realtime,  // virtual time follows the wall clock, time_scale times faster
  Manual,    // virtual time moves only when a client asks
  Instant,   // when idle, virtual time jumps to the next event
};

// Accepts exactly the spellings of --clock: "realtime", "manual", "instant".
std::optional<ClockMode> parse_clock_mode(std::string_view text);
std::string_view to_string(ClockMode mode);

// Realtime mode's arithmetic. The wall clock is read by the driver (api/clock) and handed
// in as nanoseconds, so this stays a pure function that tests drive with literal numbers.
// Re-anchor (build a new mapping) whenever virtual time is moved by other means or the
// scale changes, so that virtual time stays continuous.
class RealtimeMapping {
 public:
  // Throws std::invalid_argument unless time_scale is finite and positive.
  RealtimeMapping(SimTime virtual_anchor, std::int64_t wall_anchor_ns, double time_scale);

  // Virtual time at a wall instant, floored to the millisecond. Never before the anchor,
  // so a wall clock read slightly out of order cannot move virtual time backwards.
  // Non-decreasing in wall_ns.
  SimTime virtual_at(std::int64_t wall_ns) const;

  // The earliest wall instant w with virtual_at(w) >= virtual_time, so a timer armed for
  // w always finds the event due when it fires (no early wake-up and re-arm loop). A time
  // at or before the virtual anchor is due already: the wall anchor.
  std::int64_t wall_at(SimTime virtual_time) const;

  double time_scale() const { return time_scale_; }
  SimTime virtual_anchor() const { return virtual_anchor_; }
  std::int64_t wall_anchor_ns() const { return wall_anchor_ns_; }

 private:
  SimTime virtual_anchor_;
  std::int64_t wall_anchor_ns_;
  double time_scale_;
};

}  // namespace emulator::sim
