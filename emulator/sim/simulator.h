#pragma once

#include <cstddef>
#include <functional>
#include <optional>

#include "emulator/sim/clock.h"
#include "emulator/sim/event_handle.h"
#include "emulator/sim/event_queue.h"

namespace emulator::sim {

// The discrete-event engine: the only thing that moves virtual time. One per World, never
// a global. Not thread-safe: it lives on the emulator's single strand.
class Simulator {
 public:
  SimTime now() const { return now_; }

  // A time before now is clamped to now rather than rejected: a caller that computed a
  // deadline which has already passed (a retry due while the clock jumped) wants the
  // action to run as soon as possible, and running it "in the past" would move time
  // backwards. It runs after the events already queued for now. The caller owns the
  // event: dropping the handle cancels it.
  EventHandle schedule_at(SimTime time, std::function<void()> action);
  EventHandle schedule_after(SimTime delay, std::function<void()> action);
  // True when the event was still pending. Cancelling the running event returns false.
  bool cancel(EventId id);
  bool pending(EventId id) const { return queue_.contains(id); }

  std::optional<SimTime> next_event_time() const { return queue_.next_time(); }
  // Runs the earliest event, moving now to its time. False when nothing is pending.
  bool step();
  // Runs every event due at or before `time` in (time, scheduling order), including those
  // that the actions themselves schedule for times <= `time`, then sets
  // now = max(now, time). Returns how many events ran.
  std::size_t run_until(SimTime time);

  std::size_t pending() const { return queue_.size(); }
  // Drops every event and rewinds to t0. Not to be called from inside an action.
  void reset();

 private:
  SimTime now_{0};
  EventQueue queue_;
};

}  // namespace emulator::sim
