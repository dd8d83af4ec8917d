#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "emulator/sim/clock.h"
#include "emulator/timeline/event.h"
#include "emulator/timeline/names.h"

namespace emulator::timeline {

// What an event is about, as texts; append() interns them.
struct About {
  std::string_view region = {};
  std::string_view tuning_job = {};
  std::string_view training_job = {};
  std::string_view instance_type = {};
  std::string_view zone = {};
  int instance_count = 0;
  std::string_view text = {};  // see event.h: the one text a payload may need
};

// Every set field must match; names compare exactly (case-sensitive), times inclusively.
struct Filter {
  std::optional<std::string_view> tuning_job, training_job;
  std::optional<EventType> type;
  std::optional<sim::SimTime> since, until;
  // The events of that region and those of no region (a fault injected for every region).
  std::optional<std::string_view> region;
};

struct EventPage {
  std::vector<const Event*> events;         // valid until the timeline changes
  std::optional<std::uint64_t> next_after;  // pass as `after` for the next page; none at the end
};

inline constexpr std::size_t kDefaultMaxEvents = 1'000'000;

// Why things ran where they ran, in append order. With the same seed and requests it is the
// same event for event, so tests diff it against golden files.
//
// Bounded: past `max_events` the oldest events are dropped (and counted), and forgetting a
// job drops its events, so a week of virtual time or a day of CI traffic holds a bounded
// log. Names are interned. Finding a job's events costs the events of its lifetime, not the
// whole log: each job name keeps the span of sequence numbers its events occupy.
class Timeline {
 public:
  explicit Timeline(std::size_t max_events = kDefaultMaxEvents);

  const Event& append(sim::SimTime time, const About& about, Payload payload);

  // Up to `max` matching events with a sequence number above `after`, in order.
  EventPage select(const Filter& filter, std::uint64_t after = 0, std::size_t max = SIZE_MAX) const;

  // A deleted job's events go with it: a training job's, or a tuning job's own (its
  // children's events stay with the children, which SageMaker keeps).
  void forget_training_job(std::string_view name);
  void forget_tuning_job(std::string_view name);

  std::string_view text(Name name) const { return names_.text(name); }
  // Events held now.
  std::size_t size() const { return live_; }
  // Events ever appended, by type (a Prometheus counter), and those dropped to stay within
  // max_events.
  const std::array<std::uint64_t, kEventTypes>& appended_by_type() const { return appended_; }
  std::uint64_t dropped() const { return dropped_; }
  std::size_t max_events() const { return max_events_; }
  // Interned names held now, and whether some event names `text`.
  std::size_t names() const { return names_.size(); }
  bool names_in_use(std::string_view text) const { return names_.find(text).has_value(); }
  // Empties the log; sequence numbers start again at 1, as in a fresh run.
  void clear();

  // The state a snapshot keeps (docs/persistence.md, "Snapshots"): the events held, the
  // jobs' spans, the counters and the next sequence number; max_events is the constructor's.
  nlohmann::json save() const;
  // Replaces this timeline's state with what save() gave; throws capacity_model::SnapshotError
  // (capacity_model/snapshot_error.h) when it does not fit: more events than max_events, a
  // name or span no event backs, sequence numbers or times out of order.
  void load(const nlohmann::json& state);

 private:
  struct Span {
    std::uint64_t first = 0;
    std::uint64_t last = 0;
  };
  using Spans = std::unordered_map<Name, Span>;
  friend struct TimelineState;  // save() and load() (timeline_state.cc)

  Name refer(std::string_view text);
  void widen(Spans& spans, Name name, std::uint64_t sequence);
  void erase(Event& event);
  void release_names(const Event& event);
  void drop_oldest();
  void compact_if_mostly_erased();
  void forget(Spans& spans, std::string_view name, bool only_own_events);
  // Index in events_ of the first event with a sequence number >= `sequence`.
  std::size_t position_of(std::uint64_t sequence) const;

  std::size_t max_events_;
  std::deque<Event> events_;  // ascending sequence; erased ones until compacted
  std::size_t live_ = 0;
  std::uint64_t next_sequence_ = 1;
  NameTable names_;
  Spans training_spans_;
  Spans tuning_spans_;
  std::array<std::uint64_t, kEventTypes> appended_{};
  std::uint64_t dropped_ = 0;
};

}  // namespace emulator::timeline
