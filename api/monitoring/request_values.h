#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/monitoring/failure.h"
#include "emulator/cloudwatch/metric_types.h"

namespace api::monitoring {

// Shared readings of checked request members (input_check has vouched for their types).

// A timestamp member as wall milliseconds.
std::int64_t ms_of(const nlohmann::json& timestamp);

// The metric a request names: Namespace, MetricName and Dimensions members of `holder`.
emulator::cloudwatch::MetricKey metric_of(const nlohmann::json& holder);

// [{Name, Value}, ...] as the wire lists dimensions.
nlohmann::json dimensions_json(const std::vector<emulator::cloudwatch::Dimension>& dimensions);

// CloudWatch's periods: 1, 5, 10, 20 or 30 seconds (high resolution), or a multiple of 60.
std::optional<Failure> check_period(std::int64_t period, const std::string& path);

// StartTime must come before EndTime.
std::optional<Failure> check_time_range(std::int64_t start_ms, std::int64_t end_ms);

}  // namespace api::monitoring
