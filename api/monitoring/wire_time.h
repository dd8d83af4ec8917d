#pragma once

#include <cstdint>
#include <string>

namespace api::monitoring {

// Epoch seconds (with fraction) as ISO 8601 UTC, "2024-01-02T03:04:00Z" or with milliseconds
// "2024-01-02T03:04:00.500Z" when they are not zero: the query protocol's timestamps.
std::string iso8601(double epoch_seconds);

// Epoch seconds to milliseconds, rounded to the nearest.
std::int64_t to_ms(double epoch_seconds);

}  // namespace api::monitoring
