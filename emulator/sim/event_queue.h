#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

#include "emulator/sim/clock.h"

namespace emulator::sim {

// Also the scheduling sequence number: ids grow by one per push and are never reused, so
// (time, id) is a total order that breaks ties first-scheduled-first.
using EventId = std::uint64_t;

struct ScheduledEvent {
  EventId id = 0;
  SimTime time{0};
  std::function<void()> action;
};

// Min-heap on (time, id). Cancelling marks rather than searching the heap; marked entries
// are skipped when they reach the top and purged in bulk once they outnumber the live ones.
class EventQueue {
 public:
  EventId push(SimTime time, std::function<void()> action);
  // True when the event was still pending (not yet popped nor cancelled).
  bool cancel(EventId id);
  // Removes and returns the earliest live event.
  std::optional<ScheduledEvent> pop();
  std::optional<SimTime> next_time() const;
  // Live events only.
  std::size_t size() const { return actions_.size(); }
  bool contains(EventId id) const { return actions_.contains(id); }
  bool empty() const { return actions_.empty(); }
  // Drops every event. Ids keep counting, so an id held from before can never cancel a
  // later event.
  void clear();

 private:
  struct Key {
    SimTime time;
    EventId id;
  };

  void drop_cancelled_top();
  void purge_if_mostly_cancelled();

  // Invariant: the top of heap_ is live (or heap_ is empty), so next_time() needs no skip.
  std::vector<Key> heap_;
  // Live events' actions. Cancelling erases here at once, releasing whatever the action
  // captured rather than keeping it until its time comes.
  std::unordered_map<EventId, std::function<void()>> actions_;
  EventId last_id_ = 0;
};

}  // namespace emulator::sim
