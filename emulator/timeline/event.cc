#include "emulator/timeline/event.h"

namespace emulator::timeline {
namespace {

constexpr std::array<std::string_view, kEventTypes> kTypeNames = {
    "launched",      "asked",           "granted",       "ice",           "fell-back",          "reused",
    "waiting",       "quota-exceeded",  "released",      "kept-warm",     "warm-pool-released", "capacity-error",
    "interrupted",   "training-status", "tuning-status", "early-stopped", "capacity-changed",   "fault-added",
    "fault-removed",
};

}  // namespace

std::string_view to_string(EventType type) { return kTypeNames[static_cast<std::size_t>(type)]; }

std::optional<EventType> parse_event_type(std::string_view text) {
  for (std::size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == text) return static_cast<EventType>(i);
  }
  return std::nullopt;
}

}  // namespace emulator::timeline
