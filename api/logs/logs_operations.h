#pragma once

#include <nlohmann/json.hpp>

#include "api/server/http_types.h"
#include "emulator/logs_service.h"
#include "emulator/model/scope.h"

namespace api::logs {

using Json = nlohmann::json;

// What one operation handler gets: the façade, the caller's (account, region) and the
// validated input.
struct LogsContext {
  emulator::CloudWatchLogsService& service;
  const emulator::model::Scope& scope;
};

using LogsHandler = server::HttpResponse (*)(LogsContext& context, const Json& input);

server::HttpResponse create_log_group(LogsContext& c, const Json& input);
server::HttpResponse delete_log_group(LogsContext& c, const Json& input);
server::HttpResponse put_retention_policy(LogsContext& c, const Json& input);
server::HttpResponse describe_log_groups(LogsContext& c, const Json& input);
server::HttpResponse create_log_stream(LogsContext& c, const Json& input);
server::HttpResponse delete_log_stream(LogsContext& c, const Json& input);
server::HttpResponse describe_log_streams(LogsContext& c, const Json& input);
server::HttpResponse put_log_events(LogsContext& c, const Json& input);
server::HttpResponse get_log_events(LogsContext& c, const Json& input);
server::HttpResponse filter_log_events(LogsContext& c, const Json& input);

}  // namespace api::logs
