#include "emulator/telemetry/log_store.h"

#include <algorithm>

namespace emulator::telemetry {
namespace {

using capacity_model::Done;

constexpr std::int64_t kMaxBatchSpanMs = 24 * 3600 * 1000;

// The retention periods CloudWatch Logs accepts (PutRetentionPolicy).
constexpr int kRetentionDays[] = {1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
                                  365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

}  // namespace

LogsResult<Done> LogStore::create_group(std::string_view name, std::int64_t now_ms) {
  if (groups_.count(name) != 0)
    return LogsError{"ResourceAlreadyExistsException", "The specified log group already exists"};
  groups_.emplace(std::string(name), LogGroupRecord{now_ms, std::nullopt, {}});
  return Done{};
}

LogsResult<Done> LogStore::delete_group(std::string_view name) {
  const auto it = groups_.find(name);
  if (it == groups_.end()) return resource_not_found(std::string(kNoSuchGroup));
  groups_.erase(it);
  return Done{};
}

LogsResult<Done> LogStore::put_retention(std::string_view group, int days) {
  const auto it = groups_.find(group);
  if (it == groups_.end()) return resource_not_found(std::string(kNoSuchGroup));
  if (std::find(std::begin(kRetentionDays), std::end(kRetentionDays), days) == std::end(kRetentionDays)) {
    return invalid_parameter("1 validation error detected: Value '" + std::to_string(days) +
                             "' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: "
                             "[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, "
                             "2922, 3288, 3653]");
  }
  it->second.retention_in_days = days;
  return Done{};
}

LogsResult<Done> LogStore::create_stream(std::string_view group, std::string_view stream, std::int64_t now_ms) {
  const auto it = groups_.find(group);
  if (it == groups_.end()) return resource_not_found(std::string(kNoSuchGroup));
  if (it->second.streams.count(stream) != 0) {
    return LogsError{"ResourceAlreadyExistsException", "The specified log stream already exists"};
  }
  it->second.streams.emplace(std::string(stream), LogStreamRecord{now_ms, {}, 0});
  return Done{};
}

LogsResult<Done> LogStore::delete_stream(std::string_view group, std::string_view stream) {
  const auto it = groups_.find(group);
  if (it == groups_.end()) return resource_not_found(std::string(kNoSuchGroup));
  if (it->second.streams.erase(std::string(stream)) == 0) return resource_not_found(std::string(kNoSuchStream));
  return Done{};
}

LogsResult<LogStreamRecord*> LogStore::stream(std::string_view group, std::string_view stream) {
  const auto it = groups_.find(group);
  if (it == groups_.end()) return resource_not_found(std::string(kNoSuchGroup));
  const auto found = it->second.streams.find(stream);
  if (found == it->second.streams.end()) return resource_not_found(std::string(kNoSuchStream));
  return &found->second;
}

LogsResult<std::size_t> LogStore::put_events(std::string_view group, std::string_view stream_name,
                                             std::vector<InputLogEvent> events, std::int64_t now_ms) {
  auto target = stream(group, stream_name);
  if (!target) return target.error();
  const auto by_time = [](const InputLogEvent& a, const InputLogEvent& b) { return a.timestamp < b.timestamp; };
  if (!std::is_sorted(events.begin(), events.end(), by_time)) {
    return invalid_parameter("Log events in a single PutLogEvents request must be in chronological order.");
  }
  if (!events.empty() && events.back().timestamp - events.front().timestamp > kMaxBatchSpanMs) {
    return invalid_parameter(
        "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
  }
  auto& stored = (*target)->events;
  for (auto& event : events) {
    const auto at = std::upper_bound(stored.begin(), stored.end(), event.timestamp,
                                     [](std::int64_t t, const LogEvent& e) { return t < e.timestamp; });
    stored.insert(at, LogEvent{event.timestamp, now_ms, std::move(event.message)});
  }
  (*target)->last_ingestion_time = now_ms;
  return stored.size();
}

const LogGroupRecord* LogStore::find_group(std::string_view name) const {
  const auto it = groups_.find(name);
  return it == groups_.end() ? nullptr : &it->second;
}

}  // namespace emulator::telemetry
