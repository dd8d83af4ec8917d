#pragma once

#include <chrono>

namespace capacity_model {

// Virtual time since t0. The same integer type the emulator's SimTime aliases, so the
// model can speak time without depending on the simulator.
using Millis = std::chrono::milliseconds;

}  // namespace capacity_model
