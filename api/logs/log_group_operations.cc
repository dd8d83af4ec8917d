#include "api/logs/logs_encoding.h"
#include "api/logs/logs_operations.h"

namespace api::logs {

server::HttpResponse create_log_group(LogsContext& c, const Json& input) {
  const auto created = c.service.create_log_group(c.scope, input.at("logGroupName").get<std::string>());
  return created ? answer(Json::object()) : failure(created.error());
}

server::HttpResponse delete_log_group(LogsContext& c, const Json& input) {
  const auto deleted = c.service.delete_log_group(c.scope, input.at("logGroupName").get<std::string>());
  return deleted ? answer(Json::object()) : failure(deleted.error());
}

server::HttpResponse put_retention_policy(LogsContext& c, const Json& input) {
  const auto put = c.service.put_retention_policy(c.scope, input.at("logGroupName").get<std::string>(),
                                                  input.at("retentionInDays").get<int>());
  return put ? answer(Json::object()) : failure(put.error());
}

server::HttpResponse describe_log_groups(LogsContext& c, const Json& input) {
  emulator::DescribeLogGroupsQuery query;
  query.name_prefix = optional_member<std::string>(input, "logGroupNamePrefix");
  query.limit = optional_member<int>(input, "limit").value_or(50);
  query.next_token = optional_member<std::string>(input, "nextToken");
  const auto page = c.service.describe_log_groups(c.scope, query);
  if (!page) return failure(page.error());
  Json out{{"logGroups", Json::array()}};
  for (const auto& group : page->items) out["logGroups"].push_back(group_json(c.scope, group));
  if (page->next_token) out["nextToken"] = *page->next_token;
  return answer(out);
}

server::HttpResponse create_log_stream(LogsContext& c, const Json& input) {
  const auto created = c.service.create_log_stream(c.scope, input.at("logGroupName").get<std::string>(),
                                                   input.at("logStreamName").get<std::string>());
  return created ? answer(Json::object()) : failure(created.error());
}

server::HttpResponse delete_log_stream(LogsContext& c, const Json& input) {
  const auto deleted = c.service.delete_log_stream(c.scope, input.at("logGroupName").get<std::string>(),
                                                   input.at("logStreamName").get<std::string>());
  return deleted ? answer(Json::object()) : failure(deleted.error());
}

server::HttpResponse describe_log_streams(LogsContext& c, const Json& input) {
  auto group = group_named(input);
  if (!group) return failure(group.error());
  emulator::DescribeLogStreamsQuery query;
  query.group = std::move(*group);
  query.name_prefix = optional_member<std::string>(input, "logStreamNamePrefix");
  query.by_last_event_time =
      optional_member<std::string>(input, "orderBy") == std::optional<std::string>("LastEventTime");
  query.descending = optional_member<bool>(input, "descending").value_or(false);
  query.limit = optional_member<int>(input, "limit").value_or(50);
  query.next_token = optional_member<std::string>(input, "nextToken");
  const auto page = c.service.describe_log_streams(c.scope, query);
  if (!page) return failure(page.error());
  Json out{{"logStreams", Json::array()}};
  for (const auto& stream : page->items) out["logStreams"].push_back(stream_json(c.scope, query.group, stream));
  if (page->next_token) out["nextToken"] = *page->next_token;
  return answer(out);
}

}  // namespace api::logs
