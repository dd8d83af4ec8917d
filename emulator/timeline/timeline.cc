#include "emulator/timeline/timeline.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace emulator::timeline {
namespace {

// Tombstones are swept once they outnumber the live events (and there are enough of them to
// be worth a pass), so erasing costs O(1) amortised.
constexpr std::size_t kMinErasedToCompact = 1024;

}  // namespace

Timeline::Timeline(std::size_t max_events) : max_events_(std::max<std::size_t>(max_events, 1)) {}

Name Timeline::refer(std::string_view text) {
  const Name name = names_.intern(text);
  names_.refer(name);
  return name;
}

void Timeline::widen(Spans& spans, Name name, std::uint64_t sequence) {
  auto [it, inserted] = spans.try_emplace(name, Span{sequence, sequence});
  if (!inserted) it->second.last = sequence;
}

const Event& Timeline::append(sim::SimTime time, const About& about, Payload payload) {
  Event event;
  event.sequence = next_sequence_++;
  event.time = time;
  event.subject = {refer(about.region),        refer(about.tuning_job), refer(about.training_job),
                   refer(about.instance_type), refer(about.zone),       refer(about.text)};
  event.instance_count =
      static_cast<std::uint16_t>(std::clamp(about.instance_count, 0, int(std::numeric_limits<std::uint16_t>::max())));
  event.payload = std::move(payload);
  ++appended_[event.payload.index()];
  if (event.subject.training_job != kNoName) widen(training_spans_, event.subject.training_job, event.sequence);
  if (event.subject.tuning_job != kNoName) widen(tuning_spans_, event.subject.tuning_job, event.sequence);
  events_.push_back(std::move(event));
  ++live_;
  while (live_ > max_events_) drop_oldest();
  return events_.back();
}

void Timeline::release_names(const Event& event) {
  const auto& s = event.subject;
  for (const Name name : {s.region, s.tuning_job, s.training_job, s.instance_type, s.zone, s.text}) {
    if (names_.release(name)) {  // no event names it any more
      training_spans_.erase(name);
      tuning_spans_.erase(name);
    }
  }
}

void Timeline::drop_oldest() {
  while (!events_.empty()) {
    const bool live = !events_.front().erased;
    if (live) {
      release_names(events_.front());
      --live_;
      ++dropped_;
    }
    events_.pop_front();
    if (live) return;
  }
}

void Timeline::erase(Event& event) {
  release_names(event);
  event.erased = true;
  --live_;
}

void Timeline::compact_if_mostly_erased() {
  const std::size_t erased = events_.size() - live_;
  if (erased < kMinErasedToCompact || erased <= live_) return;
  std::erase_if(events_, [](const Event& e) { return e.erased; });
}

std::size_t Timeline::position_of(std::uint64_t sequence) const {
  auto it = std::lower_bound(events_.begin(), events_.end(), sequence,
                             [](const Event& e, std::uint64_t s) { return e.sequence < s; });
  return static_cast<std::size_t>(it - events_.begin());
}

void Timeline::forget(Spans& spans, std::string_view text, bool only_own_events) {
  const auto name = names_.find(text);
  if (!name) return;
  const auto span = spans.find(*name);
  if (span == spans.end()) return;
  const auto [first, last] = span->second;  // a copy: erasing may free the name and its span
  const bool training = &spans == &training_spans_;
  for (auto i = position_of(first); i < events_.size() && events_[i].sequence <= last; ++i) {
    Event& e = events_[i];
    if (e.erased) continue;
    const bool about = training
                           ? e.subject.training_job == *name
                           : e.subject.tuning_job == *name && (!only_own_events || e.subject.training_job == kNoName);
    if (about) erase(e);
  }
  compact_if_mostly_erased();
}

void Timeline::forget_training_job(std::string_view name) { forget(training_spans_, name, false); }

void Timeline::forget_tuning_job(std::string_view name) { forget(tuning_spans_, name, true); }

EventPage Timeline::select(const Filter& filter, std::uint64_t after, std::size_t max) const {
  EventPage page;
  std::uint64_t low = after + 1, high = std::numeric_limits<std::uint64_t>::max();
  std::optional<Name> training_job, tuning_job;
  // A job filter narrows the scan to the job's span; a name no event holds matches nothing,
  // and an empty one matches the events about no such job.
  for (auto [wanted, spans, out] : {std::tuple{filter.training_job, &training_spans_, &training_job},
                                    std::tuple{filter.tuning_job, &tuning_spans_, &tuning_job}}) {
    if (!wanted) continue;
    if (wanted->empty()) {
      *out = kNoName;
      continue;
    }
    const auto name = names_.find(*wanted);
    const auto span = name ? spans->find(*name) : spans->end();
    if (span == spans->end()) return page;
    *out = *name;
    low = std::max(low, span->second.first);
    high = std::min(high, span->second.last);
  }
  // A region no event names matches only the events of no region.
  const auto region = filter.region ? names_.find(*filter.region).value_or(kNoName) : kNoName;
  for (auto i = position_of(low); i < events_.size() && events_[i].sequence <= high; ++i) {
    const Event& e = events_[i];
    if (filter.until && e.time > *filter.until) break;  // times never decrease along the log
    if (e.erased || (filter.since && e.time < *filter.since)) continue;
    if (filter.type && e.type() != *filter.type) continue;
    if (training_job && e.subject.training_job != *training_job) continue;
    if (tuning_job && e.subject.tuning_job != *tuning_job) continue;
    if (filter.region && e.subject.region != region && e.subject.region != kNoName) continue;
    if (page.events.size() == max) {  // one more exists: there is a next page
      page.next_after = page.events.back()->sequence;
      break;
    }
    page.events.push_back(&e);
  }
  return page;
}

void Timeline::clear() {
  events_.clear();
  live_ = 0;
  next_sequence_ = 1;
  names_.clear();
  training_spans_.clear();
  tuning_spans_.clear();
  appended_ = {};
  dropped_ = 0;
}

}  // namespace emulator::timeline
