#include "emulator/sim/simulator.h"

#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <utility>

namespace emulator::sim {

EventHandle Simulator::schedule_at(SimTime time, std::function<void()> action) {
  return EventHandle(*this, queue_.push(std::max(time, now_), std::move(action)));
}

EventHandle Simulator::schedule_after(SimTime delay, std::function<void()> action) {
  return schedule_at(now_ + delay, std::move(action));
}

bool Simulator::cancel(EventId id) { return queue_.cancel(id); }

bool Simulator::step() {
  auto event = queue_.pop();
  if (!event) return false;
  assert(event->time >= now_ && "virtual time must never go backwards");
  now_ = event->time;
  ++events_run_;
  event->action();
  return true;
}

std::size_t Simulator::run_until(SimTime time) {
  std::size_t ran = 0;
  for (auto next = queue_.next_time(); next && *next <= time; next = queue_.next_time()) {
    step();
    ++ran;
  }
  now_ = std::max(now_, time);
  return ran;
}

bool Simulator::run_to(const Mark& mark) {
  if (events_run_ > mark.events_run || now_ > mark.now) return false;
  while (events_run_ < mark.events_run) {
    const auto next = queue_.next_time();
    if (!next || *next > mark.now) return false;
    step();
  }
  // An event still due before mark.now would be skipped: the mark was not taken here.
  if (const auto next = queue_.next_time(); next && *next < mark.now) return false;
  now_ = mark.now;
  return true;
}

void Simulator::reset() {
  queue_.clear();
  now_ = SimTime{0};
  events_run_ = 0;
}

void Simulator::resume_at(const Mark& mark) {
  if (!queue_.empty()) throw std::logic_error("a simulator resumes at a mark only with no event pending");
  now_ = mark.now;
  events_run_ = mark.events_run;
}

}  // namespace emulator::sim
