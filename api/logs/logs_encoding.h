#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/server/http_types.h"
#include "emulator/logs_service.h"
#include "emulator/model/scope.h"

// The answers of CloudWatch Logs: shapes as botocore's logs model has them, times in epoch
// milliseconds.
namespace api::logs {

nlohmann::json group_json(const emulator::model::Scope& scope, const emulator::LogGroupView& group);
nlohmann::json stream_json(const emulator::model::Scope& scope, const std::string& group,
                           const emulator::LogStreamView& stream);

server::HttpResponse answer(const nlohmann::json& body);
server::HttpResponse failure(const emulator::telemetry::LogsError& error);

// The group a request names by logGroupName or logGroupIdentifier (a name or an ARN), or the
// error CloudWatch Logs gives when it names none or both.
capacity_model::Result<std::string, emulator::telemetry::LogsError> group_named(const nlohmann::json& input);

template <typename T>
std::optional<T> optional_member(const nlohmann::json& input, const char* name) {
  const auto it = input.find(name);
  if (it == input.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

}  // namespace api::logs
