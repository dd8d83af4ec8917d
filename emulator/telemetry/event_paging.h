#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emulator/telemetry/log_event.h"
#include "emulator/telemetry/logs_error.h"

// GetLogEvents over one stream's events: a window of time, read forward from the head or
// backward from the tail, with the tokens CloudWatch Logs hands out. A token is a position
// in the stream, so reading on after new events arrived finds them, and at the end the
// forward token sent comes back unchanged (the end mark SDKs look for).
namespace emulator::telemetry {

struct EventsQuery {
  std::optional<std::int64_t> start_time;  // inclusive
  std::optional<std::int64_t> end_time;    // exclusive
  std::optional<std::string> next_token;
  std::optional<int> limit;  // default: as many as fit in 1 MB, at most 10,000
  bool start_from_head = false;
};

struct EventsPage {
  std::vector<LogEvent> events;
  std::string next_forward_token;
  std::string next_backward_token;
};

// `events` in stream order (ascending timestamps).
LogsResult<EventsPage> page_events(const std::vector<LogEvent>& events, const EventsQuery& query);

}  // namespace emulator::telemetry
