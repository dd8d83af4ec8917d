#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/monitoring/failure.h"
#include "api/server/http_types.h"

namespace api::monitoring {

// The answers of each framing. JSON and CBOR errors carry the model's shape in __type and
// `x-amzn-query-error: <Code>;<Sender|Receiver>`, without which botocore raises a generic
// ClientError instead of the modelled exception (wire-protocols.md §0.1).
server::HttpResponse json_success(const nlohmann::json& output);
server::HttpResponse json_failure(const Failure& failure);
server::HttpResponse cbor_success(std::string body);
server::HttpResponse cbor_failure(const Failure& failure);
// `result` is the markup inside <{Op}Result>; nullopt for an operation without output.
server::HttpResponse query_success(std::string_view operation, const std::optional<std::string>& result);
server::HttpResponse query_failure(const Failure& failure);

}  // namespace api::monitoring
