#include "emulator/sim/event_handle.h"

#include <utility>

#include "emulator/sim/simulator.h"

namespace emulator::sim {

EventHandle::EventHandle(EventHandle&& other) noexcept
    : simulator_(std::exchange(other.simulator_, nullptr)), id_(std::exchange(other.id_, 0)) {}

EventHandle& EventHandle::operator=(EventHandle&& other) noexcept {
  if (this != &other) {
    cancel();
    simulator_ = std::exchange(other.simulator_, nullptr);
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

void EventHandle::cancel() {
  if (simulator_ != nullptr) simulator_->cancel(id_);
  simulator_ = nullptr;
}

bool EventHandle::pending() const { return simulator_ != nullptr && simulator_->pending(id_); }

}  // namespace emulator::sim
