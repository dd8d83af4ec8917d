#include "api/logs/logs_encoding.h"
#include "api/logs/logs_operations.h"

namespace api::logs {

server::HttpResponse put_log_events(LogsContext& c, const Json& input) {
  std::vector<emulator::telemetry::InputLogEvent> events;
  for (const auto& event : input.at("logEvents")) {
    events.push_back({event.at("timestamp").get<std::int64_t>(), event.at("message").get<std::string>()});
  }
  const auto put = c.service.put_log_events(c.scope, input.at("logGroupName").get<std::string>(),
                                            input.at("logStreamName").get<std::string>(), std::move(events));
  if (!put) return failure(put.error());
  // Sequence tokens are no longer checked by CloudWatch Logs; the member is still answered.
  return answer(Json{{"nextSequenceToken", std::to_string(*put)}});
}

server::HttpResponse get_log_events(LogsContext& c, const Json& input) {
  auto group = group_named(input);
  if (!group) return failure(group.error());
  emulator::telemetry::EventsQuery query;
  query.start_time = optional_member<std::int64_t>(input, "startTime");
  query.end_time = optional_member<std::int64_t>(input, "endTime");
  query.next_token = optional_member<std::string>(input, "nextToken");
  query.limit = optional_member<int>(input, "limit");
  query.start_from_head = optional_member<bool>(input, "startFromHead").value_or(false);
  const auto page = c.service.get_log_events(c.scope, *group, input.at("logStreamName").get<std::string>(), query);
  if (!page) return failure(page.error());
  Json out{{"events", Json::array()},
           {"nextForwardToken", page->next_forward_token},
           {"nextBackwardToken", page->next_backward_token}};
  for (const auto& event : page->events) {
    out["events"].push_back(
        {{"timestamp", event.timestamp}, {"message", event.message}, {"ingestionTime", event.ingestion_time}});
  }
  return answer(out);
}

server::HttpResponse filter_log_events(LogsContext& c, const Json& input) {
  auto group = group_named(input);
  if (!group) return failure(group.error());
  emulator::FilterLogEventsQuery query;
  query.group = std::move(*group);
  query.stream_names =
      optional_member<std::vector<std::string>>(input, "logStreamNames").value_or(std::vector<std::string>{});
  query.stream_name_prefix = optional_member<std::string>(input, "logStreamNamePrefix");
  query.start_time = optional_member<std::int64_t>(input, "startTime");
  query.end_time = optional_member<std::int64_t>(input, "endTime");
  query.filter_pattern = optional_member<std::string>(input, "filterPattern").value_or("");
  query.limit = optional_member<int>(input, "limit").value_or(10'000);
  query.next_token = optional_member<std::string>(input, "nextToken");
  const auto page = c.service.filter_log_events(c.scope, query);
  if (!page) return failure(page.error());
  Json out{{"events", Json::array()}, {"searchedLogStreams", Json::array()}};
  for (const auto& found : page->items) {
    out["events"].push_back({{"logStreamName", found.stream},
                             {"timestamp", found.event.timestamp},
                             {"message", found.event.message},
                             {"ingestionTime", found.event.ingestion_time},
                             {"eventId", found.event_id}});
  }
  if (page->next_token) out["nextToken"] = *page->next_token;
  return answer(out);
}

}  // namespace api::logs
