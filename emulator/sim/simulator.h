#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

#include "emulator/sim/clock.h"
#include "emulator/sim/event_handle.h"
#include "emulator/sim/event_queue.h"

namespace emulator::sim {

// Where a simulation stands: its time and how many events have run. Two simulators that
// start alike and are given the same requests at the same marks are in the same state, however
// the first one's clock got there (a journal of requests replays this way).
struct Mark {
  SimTime now{0};
  std::uint64_t events_run = 0;
  bool operator==(const Mark&) const = default;
};

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
  // Events run since the last reset. With now(), where a journal of requests stands: every
  // event ran in (time, scheduling order), so a count says exactly which ones ran.
  std::uint64_t events_run() const { return events_run_; }
  Mark mark() const { return {now_, events_run_}; }
  // Runs events until mark.events_run have run, then moves now to mark.now, running nothing
  // more (events due at mark.now itself may still wait, as they did). False, with nothing
  // run past the point of disagreement, when this simulator cannot be at `mark`: it has run
  // more events, runs out of them, or its next one is due after mark.now.
  bool run_to(const Mark& mark);
  // Drops every event and rewinds to t0. Not to be called from inside an action.
  void reset();
  // Takes a snapshot's mark as its own (docs/persistence.md, "Snapshots"), so the journal
  // records after the snapshot replay as they were made. Only with no event pending: a
  // snapshot holds none (throws std::logic_error otherwise).
  void resume_at(const Mark& mark);

 private:
  SimTime now_{0};
  std::uint64_t events_run_ = 0;
  EventQueue queue_;
};

}  // namespace emulator::sim
