#pragma once

#include <vector>

#include "emulator/timeline/render.h"
#include "emulator/timeline/timeline.h"

namespace test_support {

// Every event the timeline holds, with texts and messages as the control plane shows them.
inline std::vector<emulator::timeline::RenderedEvent> rendered(const emulator::timeline::Timeline& timeline) {
  std::vector<emulator::timeline::RenderedEvent> out;
  for (const auto* event : timeline.select({}).events) out.push_back(emulator::timeline::render(timeline, *event));
  return out;
}

}  // namespace test_support
