#include "emulator/timeline/timeline.h"

#include <utility>

namespace emulator::timeline {
namespace {

bool matches(const TimelineEvent& event, const TimelineFilter& filter) {
  if (filter.tuning_job && event.tuning_job != *filter.tuning_job) return false;
  if (filter.training_job && event.training_job != *filter.training_job) return false;
  if (filter.type && event.type != *filter.type) return false;
  if (filter.since && event.time < *filter.since) return false;
  if (filter.until && event.time > *filter.until) return false;
  return true;
}

}  // namespace

const TimelineEvent& Timeline::append(TimelineEvent event) {
  event.sequence = events_.size() + 1;
  return events_.emplace_back(std::move(event));
}

std::vector<TimelineEvent> Timeline::select(const TimelineFilter& filter) const {
  std::vector<TimelineEvent> selected;
  for (const TimelineEvent& event : events_) {
    if (matches(event, filter)) selected.push_back(event);
  }
  return selected;
}

}  // namespace emulator::timeline
