#pragma once

#include "emulator/sim/event_queue.h"

namespace emulator::sim {

class Simulator;

// An event scheduled by an owner that keeps it: destroying, resetting or re-assigning the
// handle cancels the event, so an event never runs after the state its action touches is
// gone, and nobody cancels by hand. Cancelling an event that already ran (or is running)
// does nothing.
class [[nodiscard]] EventHandle {
 public:
  EventHandle() = default;
  EventHandle(Simulator& simulator, EventId id) : simulator_(&simulator), id_(id) {}
  EventHandle(EventHandle&& other) noexcept;
  EventHandle& operator=(EventHandle&& other) noexcept;
  EventHandle(const EventHandle&) = delete;
  EventHandle& operator=(const EventHandle&) = delete;
  ~EventHandle() { cancel(); }

  void cancel();
  // Whether the event is still to run.
  bool pending() const;

 private:
  Simulator* simulator_ = nullptr;
  EventId id_ = 0;
};

}  // namespace emulator::sim
