#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "emulator/sim/clock.h"
#include "emulator/timeline/event.h"
#include "emulator/timeline/timeline.h"

namespace emulator::timeline {

// An event as the edge shows it (GET /_emulator/events, golden files): texts for every name
// and a message rendered from the payload. Empty texts did not apply.
struct RenderedEvent {
  std::uint64_t sequence = 0;
  sim::SimTime time{0};
  std::string_view type;
  std::string region, tuning_job, training_job, instance_type, zone;
  int instance_count = 0;
  std::string message;
};

RenderedEvent render(const Timeline& timeline, const Event& event);

// The human-readable line of an event: why it happened, with its numbers.
std::string message_of(const Timeline& timeline, const Event& event);

}  // namespace emulator::timeline
