#include "emulator/sim/event_queue.h"

#include <algorithm>
#include <cassert>
#include <utility>

namespace emulator::sim {
namespace {

// Below this many entries a purge saves too little to be worth a heap rebuild.
constexpr std::size_t kMinPurgeSize = 64;

// std heap algorithms build a max-heap; "later" as less-than puts the earliest on top.
struct Later {
  template <typename Key>
  bool operator()(const Key& a, const Key& b) const {
    if (a.time != b.time) return a.time > b.time;
    return a.id > b.id;
  }
};

}  // namespace

EventId EventQueue::push(SimTime time, std::function<void()> action) {
  assert(action && "an event needs an action");
  const EventId id = ++last_id_;
  actions_.emplace(id, std::move(action));
  heap_.push_back(Key{time, id});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
  return id;
}

bool EventQueue::cancel(EventId id) {
  if (actions_.erase(id) == 0) return false;
  drop_cancelled_top();
  purge_if_mostly_cancelled();
  return true;
}

std::optional<ScheduledEvent> EventQueue::pop() {
  if (heap_.empty()) return std::nullopt;
  std::pop_heap(heap_.begin(), heap_.end(), Later{});
  const Key key = heap_.back();
  heap_.pop_back();
  auto found = actions_.find(key.id);
  ScheduledEvent event{key.id, key.time, std::move(found->second)};
  actions_.erase(found);
  drop_cancelled_top();
  return event;
}

std::optional<SimTime> EventQueue::next_time() const {
  if (heap_.empty()) return std::nullopt;
  return heap_.front().time;
}

void EventQueue::clear() {
  heap_.clear();
  actions_.clear();
}

void EventQueue::drop_cancelled_top() {
  while (!heap_.empty() && !actions_.contains(heap_.front().id)) {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    heap_.pop_back();
  }
}

void EventQueue::purge_if_mostly_cancelled() {
  if (heap_.size() < kMinPurgeSize || heap_.size() <= 2 * actions_.size()) return;
  std::erase_if(heap_, [this](const Key& key) { return !actions_.contains(key.id); });
  std::make_heap(heap_.begin(), heap_.end(), Later{});
}

}  // namespace emulator::sim
