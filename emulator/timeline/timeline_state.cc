// Timeline::save() and load(): the snapshot of the decision log (docs/persistence.md,
// "Snapshots"). Names go into the document as a table numbered in order of first use, so the
// document does not depend on the ids the live table happened to hand out; erased events
// (tombstones) are left out, nothing observes them. An event is an array, not an object, as
// the timeline holds up to a million of them and a JSON object per event would take several
// times the memory while the document is built: [sequence, time (ms), type, region, tuning
// job, training job, instance type, zone, text, instance count, payload (payload_state.h)],
// each name an index into the document's name table.
#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "capacity_model/snapshot_error.h"
#include "capacity_model/snapshot_json.h"
#include "emulator/timeline/payload_state.h"
#include "emulator/timeline/timeline.h"

namespace emulator::timeline {

using capacity_model::snapshot::value_of;

using capacity_model::SnapshotError;
using nlohmann::json;

namespace {

constexpr std::array kSlots = {&Subject::region,        &Subject::tuning_job, &Subject::training_job,
                               &Subject::instance_type, &Subject::zone,       &Subject::text};
// Where an event's members sit in its array.
constexpr std::size_t kFirstSlot = 3, kInstanceCount = kFirstSlot + kSlots.size(), kPayload = kInstanceCount + 1,
                      kEventMembers = kPayload + 1;

// The document's name table: index 0 is the empty text (kNoName).
class DocumentNames {
 public:
  explicit DocumentNames(const Timeline& timeline) : timeline_(timeline) {}
  std::size_t index(Name name) {
    const auto [it, added] = index_.try_emplace(name, texts_.size());
    if (added) texts_.emplace_back(timeline_.text(name));
    return it->second;
  }
  const std::vector<std::string>& texts() const { return texts_; }

 private:
  const Timeline& timeline_;
  std::vector<std::string> texts_{""};
  std::unordered_map<Name, std::size_t> index_{{kNoName, 0}};
};

std::vector<std::string> load_names(const json& document) {
  auto names = document.get<std::vector<std::string>>();
  if (names.empty() || !names.front().empty()) throw SnapshotError("the timeline's name table must start with \"\"");
  std::unordered_set<std::string> seen;
  for (std::size_t i = 1; i < names.size(); ++i) {
    if (names[i].empty() || !seen.insert(names[i]).second) {
      throw SnapshotError("the timeline's name table repeats '" + names[i] + "'");
    }
  }
  return names;
}

}  // namespace

struct TimelineState {
  static json save_event(const Event& event, DocumentNames& names) {
    json saved = {event.sequence, event.time.count(), to_string(event.type())};
    for (const auto slot : kSlots) saved.push_back(names.index(event.subject.*slot));
    saved.push_back(event.instance_count);
    saved.push_back(save_payload(event.payload));
    return saved;
  }

  static json save_spans(const Timeline& timeline, const Timeline::Spans& spans) {
    json out = json::object();
    for (const auto& [name, span] : spans) out[std::string(timeline.text(name))] = {span.first, span.last};
    return out;
  }

  static Event load_event(Timeline& timeline, const json& document, const std::vector<std::string>& names,
                          std::vector<bool>& used) {
    if (!document.is_array() || document.size() != kEventMembers) {
      throw SnapshotError("a timeline event needs " + std::to_string(kEventMembers) + " members");
    }
    Event event;
    event.sequence = value_of<std::uint64_t>(document[0]);
    event.time = sim::SimTime(value_of<std::int64_t>(document[1]));
    const auto type_name = document[2].get<std::string>();
    const auto type = parse_event_type(type_name);
    if (!type) throw SnapshotError("unknown timeline event type '" + type_name + "'");
    for (std::size_t i = 0; i < kSlots.size(); ++i) {
      const auto index = value_of<std::size_t>(document[kFirstSlot + i]);
      if (index >= names.size())
        throw SnapshotError("a timeline event names entry " + std::to_string(index) + " of none");
      used[index] = true;
      event.subject.*kSlots[i] = timeline.refer(names[index]);
    }
    const auto count = value_of<std::uint64_t>(document[kInstanceCount]);
    if (count > UINT16_MAX) throw SnapshotError("a timeline event's instance count is out of range");
    event.instance_count = static_cast<std::uint16_t>(count);
    event.payload = load_payload(*type, document[kPayload]);
    return event;
  }

  static void load_events(Timeline& timeline, const json& document, const std::vector<std::string>& names) {
    if (!document.is_array()) throw SnapshotError("the timeline's events are not an array");
    if (document.size() > timeline.max_events_) {
      throw SnapshotError("the snapshot holds " + std::to_string(document.size()) +
                          " timeline events; this timeline keeps at most " + std::to_string(timeline.max_events_) +
                          " (start with --max-events " + std::to_string(document.size()) + " or more)");
    }
    std::vector<bool> used(names.size(), false);
    used[0] = true;
    for (const auto& item : document) {
      Event event = load_event(timeline, item, names, used);
      if (!timeline.events_.empty() &&
          (event.sequence <= timeline.events_.back().sequence || event.time < timeline.events_.back().time)) {
        throw SnapshotError("timeline event " + std::to_string(event.sequence) + " is out of order");
      }
      timeline.events_.push_back(std::move(event));
      ++timeline.live_;
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (!used[i]) throw SnapshotError("no timeline event names '" + names[i] + "'");
    }
  }

  // A job's span must name a job some event names and cover every event about it.
  static void load_spans(Timeline& timeline, const json& document, Timeline::Spans& spans, Name Subject::*slot) {
    for (const auto& [text, bounds] : document.items()) {
      const auto name = timeline.names_.find(text);
      if (!name) throw SnapshotError("the span of '" + text + "' names a job no timeline event names");
      if (bounds.size() != 2) throw SnapshotError("the span of '" + text + "' needs [first, last]");
      const Timeline::Span span{value_of<std::uint64_t>(bounds.at(0)), value_of<std::uint64_t>(bounds.at(1))};
      if (span.first > span.last) throw SnapshotError("the span of '" + text + "' ends before it starts");
      spans.emplace(*name, span);
    }
    for (const Event& event : timeline.events_) {
      const Name job = event.subject.*slot;
      if (job == kNoName) continue;
      const auto span = spans.find(job);
      if (span == spans.end() || event.sequence < span->second.first || event.sequence > span->second.last) {
        throw SnapshotError("no span covers timeline event " + std::to_string(event.sequence) + " of '" +
                            std::string(timeline.text(job)) + "'");
      }
    }
  }

  static void load_counters(Timeline& timeline, const json& document) {
    timeline.next_sequence_ = value_of<std::uint64_t>(document.at("next_sequence"));
    if (!timeline.events_.empty() && timeline.events_.back().sequence >= timeline.next_sequence_) {
      throw SnapshotError("the timeline's next sequence number is one its events already hold");
    }
    timeline.dropped_ = value_of<std::uint64_t>(document.at("dropped"));
    const auto& appended = document.at("appended_by_type");
    if (appended.size() != kEventTypes) throw SnapshotError("appended_by_type must count every event type");
    for (std::size_t i = 0; i < kEventTypes; ++i) {
      timeline.appended_[i] = value_of<std::uint64_t>(appended.at(std::string(to_string(EventType(i)))));
    }
  }
};

json Timeline::save() const {
  DocumentNames names(*this);
  json events = json::array();
  for (const Event& event : events_) {
    if (!event.erased) events.push_back(TimelineState::save_event(event, names));
  }
  json appended = json::object();
  for (std::size_t i = 0; i < kEventTypes; ++i) appended[std::string(to_string(EventType(i)))] = appended_[i];
  return {{"next_sequence", next_sequence_},
          {"dropped", dropped_},
          {"appended_by_type", std::move(appended)},
          {"names", names.texts()},
          {"events", std::move(events)},
          {"training_spans", TimelineState::save_spans(*this, training_spans_)},
          {"tuning_spans", TimelineState::save_spans(*this, tuning_spans_)}};
}

void Timeline::load(const json& state) {
  Timeline restored(max_events_);
  const auto names = load_names(state.at("names"));
  TimelineState::load_events(restored, state.at("events"), names);
  TimelineState::load_spans(restored, state.at("training_spans"), restored.training_spans_, &Subject::training_job);
  TimelineState::load_spans(restored, state.at("tuning_spans"), restored.tuning_spans_, &Subject::tuning_job);
  TimelineState::load_counters(restored, state);
  *this = std::move(restored);
}

}  // namespace emulator::timeline
