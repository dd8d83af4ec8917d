#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace api::service_model {

// A wire timestamp as epoch seconds (UTC, with fraction): a JSON number as boto3 and the AWS
// SDKs send it, or an ISO-8601 string "YYYY-MM-DD[(T| )hh:mm[:ss[.fff]]][Z|±hh[:mm]]" (no zone
// means UTC). Nothing else (booleans, numeric strings, out-of-range fields) is a timestamp.
std::optional<double> parse_timestamp(const nlohmann::json& value);
std::optional<double> parse_iso8601(std::string_view text);

}  // namespace api::service_model
