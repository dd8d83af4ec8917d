#include "api/logs/logs_encoding.h"

#include "api/aws/envelope.h"
#include "api/json/json_body.h"

namespace api::logs {
namespace {

std::string group_arn(const emulator::model::Scope& scope, const std::string& group) {
  return "arn:aws:logs:" + scope.region + ":" + scope.account + ":log-group:" + group;
}

}  // namespace

nlohmann::json group_json(const emulator::model::Scope& scope, const emulator::LogGroupView& group) {
  nlohmann::json out{{"logGroupName", group.name},
                     {"creationTime", group.creation_time},
                     {"metricFilterCount", 0},
                     {"arn", group_arn(scope, group.name) + ":*"},
                     {"logGroupArn", group_arn(scope, group.name)},
                     {"storedBytes", 0},
                     {"logGroupClass", "STANDARD"}};
  if (group.retention_in_days) out["retentionInDays"] = *group.retention_in_days;
  return out;
}

nlohmann::json stream_json(const emulator::model::Scope& scope, const std::string& group,
                           const emulator::LogStreamView& stream) {
  nlohmann::json out{{"logStreamName", stream.name},
                     {"creationTime", stream.creation_time},
                     {"arn", group_arn(scope, group) + ":log-stream:" + stream.name},
                     {"storedBytes", 0}};
  if (stream.first_event_timestamp) out["firstEventTimestamp"] = *stream.first_event_timestamp;
  if (stream.last_event_timestamp) out["lastEventTimestamp"] = *stream.last_event_timestamp;
  if (stream.last_ingestion_time) out["lastIngestionTime"] = *stream.last_ingestion_time;
  return out;
}

server::HttpResponse answer(const nlohmann::json& body) { return aws::success(wire_text(body)); }

server::HttpResponse failure(const emulator::telemetry::LogsError& error) {
  return aws::failure(error.type, error.message);
}

capacity_model::Result<std::string, emulator::telemetry::LogsError> group_named(const nlohmann::json& input) {
  const auto name = optional_member<std::string>(input, "logGroupName");
  auto identifier = optional_member<std::string>(input, "logGroupIdentifier");
  if (name && identifier) {
    return emulator::telemetry::invalid_parameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  }
  if (name) return *name;
  if (!identifier) {
    return emulator::telemetry::invalid_parameter("Either logGroupName or logGroupIdentifier must be specified.");
  }
  // arn:aws:logs:<region>:<account>:log-group:<name>[:*]
  constexpr std::string_view kMarker = ":log-group:";
  if (const auto at = identifier->find(kMarker); identifier->rfind("arn:", 0) == 0 && at != std::string::npos) {
    auto group = identifier->substr(at + kMarker.size());
    if (group.size() >= 2 && group.compare(group.size() - 2, 2, ":*") == 0) group.resize(group.size() - 2);
    return group;
  }
  return *identifier;
}

}  // namespace api::logs
