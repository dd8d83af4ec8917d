#include "emulator/sim/clock.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace emulator::sim {
namespace {

constexpr double kNanosPerMilli = 1e6;
constexpr std::int64_t kMaxInt64 = std::numeric_limits<std::int64_t>::max();

// Saturates rather than overflowing: a far-future virtual time (an event at the end of a
// long scenario under a small scale) must map to "never", not to a negative instant.
std::int64_t saturate(double value) {
  // 2^63 is exactly representable; anything at or beyond it does not fit.
  if (value >= 9223372036854775808.0) return kMaxInt64;
  return static_cast<std::int64_t>(value);
}

// base + non-negative offset, saturating at the int64 maximum.
std::int64_t add_saturating(std::int64_t base, std::int64_t offset) {
  if (base > 0 && offset > kMaxInt64 - base) return kMaxInt64;
  return base + offset;
}

}  // namespace

std::optional<ClockMode> parse_clock_mode(std::string_view text) {
  if (text == "realtime") return ClockMode::Realtime;
  if (text == "manual") return ClockMode::Manual;
  if (text == "instant") return ClockMode::Instant;
  return std::nullopt;
}

std::string_view to_string(ClockMode mode) {
  switch (mode) {
    case ClockMode::Realtime:
      return "realtime";
    case ClockMode::Manual:
      return "manual";
    case ClockMode::Instant:
      return "instant";
  }
  return "unknown";
}

RealtimeMapping::RealtimeMapping(SimTime virtual_anchor, std::int64_t wall_anchor_ns,
                                 double time_scale)
    : virtual_anchor_(virtual_anchor), wall_anchor_ns_(wall_anchor_ns), time_scale_(time_scale) {
  if (!std::isfinite(time_scale) || time_scale <= 0) {
    throw std::invalid_argument("time scale must be a finite positive number");
  }
}

SimTime RealtimeMapping::virtual_at(std::int64_t wall_ns) const {
  if (wall_ns <= wall_anchor_ns_) return virtual_anchor_;
  // Elapsed is computed in unsigned arithmetic so that anchors of opposite sign cannot
  // overflow; the double product is monotone, which keeps virtual_at non-decreasing.
  const auto elapsed_ns =
      static_cast<double>(static_cast<std::uint64_t>(wall_ns) -
                          static_cast<std::uint64_t>(wall_anchor_ns_));
  const std::int64_t elapsed_ms = saturate(std::floor(elapsed_ns * time_scale_ / kNanosPerMilli));
  return SimTime{add_saturating(virtual_anchor_.count(), elapsed_ms)};
}

std::int64_t RealtimeMapping::wall_at(SimTime virtual_time) const {
  if (virtual_time <= virtual_anchor_) return wall_anchor_ns_;
  const auto elapsed_ms =
      static_cast<double>(static_cast<std::uint64_t>(virtual_time.count()) -
                          static_cast<std::uint64_t>(virtual_anchor_.count()));
  const std::int64_t elapsed_ns = saturate(std::ceil(elapsed_ms * kNanosPerMilli / time_scale_));
  std::int64_t wall = add_saturating(wall_anchor_ns_, elapsed_ns);
  // The estimate is within a rounding step of the answer; settle it against virtual_at
  // itself so the two functions agree exactly.
  while (wall < kMaxInt64 && virtual_at(wall) < virtual_time) ++wall;
  while (wall > wall_anchor_ns_ && virtual_at(wall - 1) >= virtual_time) --wall;
  return wall;
}

}  // namespace emulator::sim
